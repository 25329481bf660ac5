using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Tests.Infrastructure;
using PatchDb.Web.Components.Account;
using PatchDb.Web.Components.Pages;
using PatchDb.Web.Components.Shared;
using PatchDb.Web.Services;
using PatchDb.Web.Services.Models;
using ApiEntryPoint = PatchDb.Api.Infrastructure.PatchDbContext;

namespace PatchDb.Tests.Web;

/// <summary>Pages rendered by bUnit with the real <see cref="ApiClient"/> talking to a real Api (no Embedder).</summary>
public sealed class ApiBackedPageTests(TestInfrastructure infra) : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private readonly string _blobRoot = Directory.CreateTempSubdirectory("patchdb-web-bunit-").FullName;
    private readonly int _apiPort = FreePort.Next();
    private readonly int _embedderPort = FreePort.Next();
    private ServiceHost<ApiEntryPoint>? _api;
    private Dictionary<string, string?> _apiSettings = [];
    private HttpClient _http = default!;

    public async ValueTask InitializeAsync()
    {
        _apiSettings = new()
        {
            ["ConnectionStrings:patchdb"] = await infra.Postgres.CreateDatabaseAsync(),
            // Nothing listens there until a test starts an Embedder on that port.
            ["services:embedder:http:0"] = $"http://127.0.0.1:{_embedderPort}",
            ["Recognition:AnalyzeTimeout"] = "00:00:05",
            ["Recognition:OutboxPollInterval"] = "00:00:00.200",
            ["Recognition:OutboxMaxBackoff"] = "00:00:01",
            ["Storage:RootPath"] = _blobRoot,
            ["Jwt:SigningKey"] = "web-bunit-signing-key-0123456789-abcdefghijklmnop",
        };
        StartApi();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ApiStatus>();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_apiPort}/") };
        Services.AddSingleton(_http);
        Services.AddScoped<ApiClient>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private BunitServiceProvider Services => _bunit.Services;

    private void StartApi()
    {
        _api = new ServiceHost<ApiEntryPoint>(_apiSettings, "Production", _apiPort);
        _api.Start();
    }

    /// <summary>Signs a new user up through the Api and makes them the signed-in user of the rendered pages.</summary>
    private async Task<ApiClient> SignUpAsync()
    {
        var anonymous = new ApiClient(_http, AuthStates.Anonymous(), new ApiStatus(), TimeProvider.System);
        var name = $"u{Guid.NewGuid():N}"[..20];
        var user = await anonymous.CreateUserAsync(name, "long enough password", Ct);
        var token = await anonymous.LoginAsync(name, "long enough password", client: null, Ct);
        Assert.Equal(user.Id, AccessTokens.ReadUserId(token.AccessToken));
        var session = new ApiSession(user.Id, name, token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn));
        Services.AddScoped<AuthenticationStateProvider>(_ => AuthStates.For(session));
        return new ApiClient(_http, AuthStates.For(session), new ApiStatus(), TimeProvider.System);
    }

    [Fact]
    public async Task Collection_shows_the_users_groups_and_favourites_through_the_Api()
    {
        var api = await SignUpAsync();
        var upload = await api.UploadAsync(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.BenchPatches, "gallery", "flag-ar_0.jpg"), Ct), "flag.jpg", "image/jpeg", Ct);
        Assert.True(upload.IsPending); // No Embedder here: the photo is kept and analysed later.
        var group = await api.CreateGroupAsync(upload.Patch.Id, "Argentina", Ct);

        var cut = _bunit.Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal("Argentina", cut.Find(".group-card .card-title").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.Contains("1 photo", cut.Find(".group-card").TextContent);
        Assert.Contains("Every photo is in a group.", cut.Markup);

        cut.Find("button.star").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("button.star").GetAttribute("aria-pressed")), TimeSpan.FromSeconds(30));
        var stored = await api.GetCollectionAsync(Ct);
        Assert.True(Assert.Single(stored.Patches, g => g.Id == group.Id).IsFavorite);
    }

    [Fact]
    public async Task Group_page_renames_and_deletes_after_confirmation()
    {
        var api = await SignUpAsync();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.BenchPatches, "gallery", "flag-ar_0.jpg"), Ct);
        var upload = await api.UploadAsync(bytes, "flag.jpg", "image/jpeg", Ct);
        var group = await api.CreateGroupAsync(upload.Patch.Id, "Argentina", Ct);

        var cut = _bunit.Render<Group>(ps => ps.Add(p => p.Id, group.Id!.Value));
        cut.WaitForAssertion(() => Assert.Equal("Argentina", cut.Find("h1").TextContent), TimeSpan.FromSeconds(30));

        cut.FindAll("button").Single(b => b.TextContent == "Rename").Click();
        // The rename form appears on the render that follows the click, which may come after Click returns.
        cut.WaitForElement("#rename", TimeSpan.FromSeconds(30)).Input("Argentina (1985)");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Argentina (1985)", cut.Find("h1").TextContent), TimeSpan.FromSeconds(30));

        cut.FindAll("button").Single(b => b.TextContent == "Delete group").Click();
        Assert.Contains("This cannot be undone.", cut.WaitForElement("[role=alertdialog]", TimeSpan.FromSeconds(30)).TextContent);
        cut.FindAll("button").Single(b => b.TextContent == "Yes, delete the group").Click();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        cut.WaitForAssertion(() => Assert.Equal("", Assert.Single(navigation.History).Uri), TimeSpan.FromSeconds(30));
        Assert.Empty((await api.GetCollectionAsync(Ct)).Patches);
    }

    [Fact]
    public async Task Sign_up_with_a_taken_username_says_so_next_to_the_field()
    {
        var anonymous = new ApiClient(_http, AuthStates.Anonymous(), new ApiStatus(), TimeProvider.System);
        await anonymous.CreateUserAsync("first-come", "long enough password", Ct);
        Services.AddScoped<AuthenticationStateProvider>(_ => AuthStates.Anonymous());
        var cut = _bunit.Render<SignUp>(ps => ps.AddCascadingValue(new Microsoft.AspNetCore.Http.DefaultHttpContext()));

        cut.Find("#username").Change("first-come");
        cut.Find("#password").Change("another long password");
        cut.Find("#confirm").Change("another long password");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("That username is taken; please choose another.", cut.Find(".validation-message").TextContent),
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Api_errors_read_as_sentences()
    {
        var api = await SignUpAsync();

        var missing = await Assert.ThrowsAsync<ApiException>(() => api.DeleteGroupAsync(Guid.NewGuid(), Ct));
        var taken = await Assert.ThrowsAsync<ApiException>(async () =>
        {
            var anonymous = new ApiClient(_http, AuthStates.Anonymous(), new ApiStatus(), TimeProvider.System);
            await anonymous.CreateUserAsync("taken-name", "long enough password", Ct);
            await anonymous.CreateUserAsync("taken-name", "long enough password", Ct);
        });

        Assert.Equal(404, missing.Status);
        Assert.DoesNotContain("Exception", missing.Message);
        Assert.Equal(409, taken.Status);
        Assert.Contains("already taken", taken.Message);
    }

    [Fact]
    public async Task Banner_appears_while_the_Api_is_down_and_the_page_reloads_when_it_returns()
    {
        await SignUpAsync();
        var status = Services.GetRequiredService<ApiStatus>();
        var banner = _bunit.Render<ApiStatusBanner>(ps => ps.Add(p => p.RetryInterval, TimeSpan.FromMilliseconds(200)));
        Assert.Empty(banner.FindAll(".banner.offline"));

        await _api!.DisposeAsync();
        var home = _bunit.Render<Home>();
        home.WaitForAssertion(() => Assert.Contains("cannot be reached", home.Find(".alert.error").TextContent), TimeSpan.FromSeconds(30));
        banner.WaitForAssertion(() => Assert.Contains("PatchDb is unreachable", banner.Find(".banner.offline").TextContent));
        Assert.False(status.IsReachable);

        StartApi();
        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll(".banner.offline")), TimeSpan.FromSeconds(30));
        home.WaitForAssertion(() => Assert.Contains("No groups yet", home.Find(".empty").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(home.FindAll(".alert.error"));
        Assert.True(status.IsReachable);
    }

    [Fact]
    public async Task Tray_puts_a_photo_into_a_chosen_group()
    {
        var api = await SignUpAsync();
        var first = await api.UploadAsync(await PhotoAsync("flag-ar_0.jpg"), "a.jpg", "image/jpeg", Ct);
        var second = await api.UploadAsync(await PhotoAsync("flag-ar_1.jpg"), "b.jpg", "image/jpeg", Ct);
        var group = await api.CreateGroupAsync(first.Patch.Id, "Argentina", Ct);

        var cut = _bunit.Render<Tray>();
        // No Embedder: the photo's suggestions load as "still being analysed", and it can be filed all the same.
        cut.WaitForAssertion(() => Assert.Contains("Still being analysed", Assert.Single(cut.FindAll(".tray-list > li")).TextContent), TimeSpan.FromSeconds(30));
        await cut.InvokeAsync(() => cut.Find($"#target-{second.Patch.Id}").Change(group.Id.ToString()));
        await cut.InvokeAsync(() => cut.Find(".tray-item .inline-form").Submit());

        cut.WaitForAssertion(() => Assert.Contains("every photo is in a group", cut.Find(".empty").TextContent), TimeSpan.FromSeconds(30));
        var stored = await api.GetCollectionAsync(Ct);
        Assert.Equal(2, Assert.Single(stored.Patches).Images.Count);
        Assert.Empty(stored.UngroupedPatches);
    }

    [Fact]
    public async Task Tray_makes_a_new_group_from_the_selected_photos()
    {
        var api = await SignUpAsync();
        var photos = new List<Guid>();
        foreach (var name in new[] { "flag-ar_0.jpg", "flag-ar_1.jpg", "flag-ae_0.jpg" })
        {
            photos.Add((await api.UploadAsync(await PhotoAsync(name), name, "image/jpeg", Ct)).Patch.Id);
        }

        var cut = _bunit.Render<Tray>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".tray-list .pending").Count), TimeSpan.FromSeconds(30));
        foreach (var id in photos.Take(2))
        {
            await cut.InvokeAsync(() => cut.Find($"[data-patch-id='{id}'] .select input").Change(true));
        }

        Assert.Contains("2 photos selected", cut.Find(".selection").TextContent);
        await cut.InvokeAsync(() => cut.Find("#selection-group-name").Input("Argentina"));
        await cut.InvokeAsync(() => cut.Find(".tray-toolbar form").Submit());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".tray-list > li")), TimeSpan.FromSeconds(30));
        var stored = await api.GetCollectionAsync(Ct);
        var group = Assert.Single(stored.Patches);
        Assert.Equal("Argentina", group.Name);
        Assert.Equal(photos.Take(2).Order(), group.Images.Select(i => i.Id).Order());
        Assert.Equal(photos[2], Assert.Single(stored.UngroupedPatches).Id);
    }

    [Fact]
    public async Task Upload_shows_a_pending_analysis_and_refreshes_when_the_Embedder_is_back()
    {
        await SignUpAsync();
        var cut = _bunit.Render<Upload>();

        cut.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[0]
            .UploadFiles(InputFileContent.CreateFromBinary(await PhotoAsync("flag-ar_0.jpg"), "flag.jpg", contentType: "image/jpeg"));
        cut.WaitForAssertion(() => Assert.Contains("Analysis pending", cut.Find(".pending").TextContent), TimeSpan.FromSeconds(90));

        await using var embedder = new ServiceHost<PatchDb.Embedder.EmbedderOptions>(new Dictionary<string, string?>(), port: _embedderPort);
        embedder.Start();
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll(".pending"));
            // The Api's GET /{user_id}/patch/{id} gives the finished analysis: an empty collection, so no match.
            Assert.Contains("No similar patch in your collection yet.", cut.Find(".upload-result").TextContent);
        }, TimeSpan.FromSeconds(90));
    }

    private static Task<byte[]> PhotoAsync(string name) =>
        File.ReadAllBytesAsync(Path.Combine(RepoPaths.BenchPatches, "gallery", name), Ct);

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        try
        {
            Directory.Delete(_blobRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
