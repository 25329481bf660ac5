using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.AppHost.Dashboard;
using PatchDb.AppHost.Otlp;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.AppHost;

/// <summary>The real AppHost as a child process: everything up, one upload through the Api, a clean stop.</summary>
public sealed class AppHostEndToEndTests
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task AppHost_starts_all_resources_serves_a_traced_upload_and_stops_leaving_no_processes()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("patchdb-e2e-").FullName;
        var (dashboardPort, token) = (FreePort.Next(), "e2e-" + Guid.NewGuid().ToString("N"));
        var output = new ConcurrentQueue<string>();
        using var apphost = StartAppHost(dataDir, dashboardPort, token, output);
        try
        {
            var started = Stopwatch.StartNew();
            await WaitForOutputAsync(apphost, output, "resources healthy after", StartTimeout);
            TestContext.Current.SendDiagnosticMessage($"AppHost all-healthy after {started.Elapsed.TotalSeconds:0.0} s (cold data folder)");
            var apiUrl = output.First(l => l.StartsWith("api ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

            using var dashboard = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri($"http://localhost:{dashboardPort}"),
            };
            Assert.Equal(HttpStatusCode.OK, (await dashboard.GetAsync($"/login?t={token}", ct)).StatusCode);
            var resources = (await dashboard.GetFromJsonAsync<ResourcesPage.ResourceInfo[]>("/api/resources", ct))!;
            Assert.Equal(["postgres", "cache", "embedder", "api", "web"], resources.Select(r => r.Name));
            Assert.All(resources, r => Assert.Equal(("Running", "Healthy"), (r.State, r.Health)));
            var pids = resources.Select(r => r.Pid!.Value).ToList();

            using var api = new HttpClient { BaseAddress = new Uri(apiUrl), Timeout = TimeSpan.FromSeconds(60) };
            var (userId, accessToken, traceId, patchId) = await UploadAsync(api, ct);

            // One upload → one trace spanning api → embedder, with database spans (spans arrive within ~1 s).
            static bool ApiServer(SpanData s) => s.Service == "api" && s.Kind == "Server" && s.Name.Contains("upload", StringComparison.OrdinalIgnoreCase);
            static bool EmbedderServer(SpanData s) => s.Service == "embedder" && s.Kind == "Server";
            static bool ApiDatabase(SpanData s) => s.Service == "api" && s.Attributes.Keys.Any(k => k.StartsWith("db.", StringComparison.Ordinal));
            IReadOnlyList<SpanData> spans = [];
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !(spans.Any(ApiServer) && spans.Any(EmbedderServer) && spans.Any(ApiDatabase)))
            {
                await Task.Delay(500, ct);
                spans = (await dashboard.GetFromJsonAsync<SpanData[]>($"/api/traces/{traceId}", ct))!;
            }
            Assert.Contains(spans, ApiServer);
            Assert.Contains(spans, EmbedderServer);
            Assert.Contains(spans, ApiDatabase);
            Assert.Contains(spans, s => s.Service == "embedder" && s.ParentSpanId is { } p && spans.Any(c => c.SpanId == p && c.Service == "api"));

            // kill -9 of the Api: restarted, counted, healthy again, and the upload is still there.
            Process.GetProcessById(resources.Single(r => r.Name == "api").Pid!.Value).Kill();
            ResourcesPage.ResourceInfo apiInfo;
            do
            {
                await Task.Delay(250, ct);
                apiInfo = (await dashboard.GetFromJsonAsync<ResourcesPage.ResourceInfo[]>("/api/resources", ct))!.Single(r => r.Name == "api");
            }
            while (apiInfo.Restarts == 0 || apiInfo.Health != "Healthy");
            Assert.Equal(1, apiInfo.Restarts);
            pids.Add(apiInfo.Pid!.Value);
            using var list = new HttpRequestMessage(HttpMethod.Get, $"/{userId}/patches");
            list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            var patches = await api.SendAsync(list, ct);
            Assert.Equal(HttpStatusCode.OK, patches.StatusCode);
            Assert.Contains(patchId, await patches.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", $"{apphost.Id}"]))
            {
                await kill.WaitForExitAsync(ct);
                Assert.Equal(0, kill.ExitCode);
            }
            using var stopTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stopTimeout.CancelAfter(TimeSpan.FromSeconds(60));
            await apphost.WaitForExitAsync(stopTimeout.Token);
            Assert.Equal(0, apphost.ExitCode);
            Assert.Contains("Stopped.", output);
            Assert.All(pids, pid => Assert.False(TestAppHost.IsAlive(pid), $"process {pid} survived the stop"));
            Assert.Empty(TestAppHost.ProcessesMentioning(dataDir));
        }
        finally
        {
            if (!apphost.HasExited)
            {
                apphost.Kill(); // SIGKILL: its children die with it (parent-death signal)
                await apphost.WaitForExitAsync(CancellationToken.None);
            }
            TestContext.Current.SendDiagnosticMessage(string.Join('\n', output));
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Children_die_when_the_AppHost_is_killed_with_sigkill()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("patchdb-e2e-").FullName;
        var (dashboardPort, token) = (FreePort.Next(), "e2e-" + Guid.NewGuid().ToString("N"));
        var output = new ConcurrentQueue<string>();
        using var apphost = StartAppHost(dataDir, dashboardPort, token, output);
        try
        {
            await WaitForOutputAsync(apphost, output, "resources healthy after", StartTimeout);
            using var dashboard = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri($"http://localhost:{dashboardPort}"),
            };
            await dashboard.GetAsync($"/login?t={token}", ct);
            var pids = (await dashboard.GetFromJsonAsync<ResourcesPage.ResourceInfo[]>("/api/resources", ct))!.Select(r => r.Pid!.Value).ToList();
            Assert.Equal(5, pids.Count);

            apphost.Kill(); // SIGKILL: no chance to clean up; the parent-death signal must do it
            await apphost.WaitForExitAsync(ct);

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && (pids.Any(TestAppHost.IsAlive) || TestAppHost.ProcessesMentioning(dataDir).Count > 0))
            {
                await Task.Delay(200, ct);
            }
            Assert.All(pids, pid => Assert.False(TestAppHost.IsAlive(pid), $"process {pid} outlived the AppHost"));
            Assert.Empty(TestAppHost.ProcessesMentioning(dataDir));
        }
        finally
        {
            if (!apphost.HasExited)
            {
                apphost.Kill();
            }
            Directory.Delete(dataDir, recursive: true);
        }
    }

    static Process StartAppHost(string dataDir, int dashboardPort, string token, ConcurrentQueue<string> output)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(Infrastructure.RepoPaths.Root, "PatchDb.AppHost", "bin", configuration, "net10.0", "PatchDb.AppHost.dll");
        var psi = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Infrastructure.RepoPaths.Root };
        psi.Environment["PATCHDB_DATA_DIR"] = dataDir;
        psi.Environment["PATCHDB_DASHBOARD_PORT"] = $"{dashboardPort}";
        psi.Environment["PATCHDB_OTLP_PORT"] = $"{FreePort.Next()}";
        psi.Environment["PATCHDB_WEB_PORT"] = $"{FreePort.Next()}";
        psi.Environment["PATCHDB_DASHBOARD_TOKEN"] = token;
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static async Task WaitForOutputAsync(Process process, ConcurrentQueue<string> output, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.False(process.HasExited, "The AppHost exited early:\n" + string.Join('\n', output));
            Assert.True(DateTime.UtcNow < deadline, $"No '{text}' within {timeout}:\n" + string.Join('\n', output));
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>POST /user, POST /login, POST /{id}/upload with a bench photo; returns the user, token and trace id.</summary>
    static async Task<(string UserId, string AccessToken, string TraceId, string PatchId)> UploadAsync(HttpClient http, CancellationToken ct)
    {
        var credentials = new { username = "e2e-" + Guid.NewGuid().ToString("N")[..12], password = "correct horse battery" };
        var created = await http.PostAsJsonAsync("/user", credentials, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        var login = await http.PostAsJsonAsync("/login", credentials, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var accessToken = (await login.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!;

        var photo = Directory.GetFiles(Path.Combine(Infrastructure.RepoPaths.BenchPatches, "gallery"), "*.jpg").Order(StringComparer.Ordinal).First();
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(await File.ReadAllBytesAsync(photo, ct));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "image", Path.GetFileName(photo));
        // Our own trace id, so the upload's trace can be found on the dashboard.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{userId}/upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var upload = await http.SendAsync(request, ct);
        Assert.True(upload.StatusCode == HttpStatusCode.Created, $"upload answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync(ct)}");
        var patchId = (await upload.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("patch").GetProperty("id").GetString()!;
        return (userId, accessToken, traceId, patchId);
    }
}
