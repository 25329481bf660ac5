using PatchDb.AppHost.Hosting;

namespace PatchDb.Tests.AppHost;

/// <summary>The orchestrator with real redis-server and postgres processes.</summary>
public sealed class OrchestratorTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Redis_killed_with_sigkill_is_restarted_counted_and_stop_leaves_no_process()
    {
        await using var host = new TestAppHost();
        var cache = host.Builder.AddRedis("cache").Resource;
        var app = await host.StartAsync();
        await app.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);
        var firstPid = cache.Pid!.Value;
        Assert.True(TestAppHost.IsAlive(firstPid));
        Assert.Equal(0, cache.Restarts);

        System.Diagnostics.Process.GetProcessById(firstPid).Kill(); // SIGKILL

        await TestAppHost.WaitUntilAsync(() => cache.Restarts == 1 && cache.Health == ResourceHealth.Healthy && cache.Pid is not null,
            Timeout, "redis to come back");
        var secondPid = cache.Pid!.Value;
        Assert.NotEqual(firstPid, secondPid);
        Assert.Equal(ResourceState.Running, cache.State);
        Assert.Contains(cache.Log.Since(0), l => l.Text.Contains("restart #1", StringComparison.Ordinal));

        await app.StopAsync();

        Assert.False(TestAppHost.IsAlive(secondPid));
        Assert.Equal(ResourceState.Stopped, cache.State);
        Assert.Empty(TestAppHost.ProcessesMentioning(host.DataDir));
    }

    [Fact]
    public async Task Redis_data_is_appended_to_the_data_folder_and_survives_a_restart()
    {
        await using var host = new TestAppHost();
        var cache = host.Builder.AddRedis("cache").Resource;
        var app = await host.StartAsync();
        await app.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);
        await RespAsync(cache.Port, "SET apphost-test kept");
        System.Diagnostics.Process.GetProcessById(cache.Pid!.Value).Kill();
        await TestAppHost.WaitUntilAsync(() => cache.Restarts == 1 && cache.Health == ResourceHealth.Healthy, Timeout, "redis restart");

        Assert.Equal("$4\r\nkept\r\n", await RespAsync(cache.Port, "GET apphost-test"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(host.DataDir, "redis"), "*.aof", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Postgres_cluster_is_created_once_with_its_database_and_kept_across_runs()
    {
        var dataDir = Directory.CreateTempSubdirectory("patchdb-apphost-").FullName;
        int port;
        await using (var first = new TestAppHost(dataDir) { KeepDataDir = true })
        {
            var postgres = first.Builder.AddPostgres("postgres");
            postgres.AddDatabase("patchdb");
            var app = await first.StartAsync();
            await app.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);
            port = postgres.Resource.Port;
            await using var connection = new Npgsql.NpgsqlConnection(postgres.Resource.ConnectionString("patchdb"));
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new Npgsql.NpgsqlCommand("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('yes')", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        Assert.Empty(TestAppHost.ProcessesMentioning(dataDir));
        Npgsql.NpgsqlConnection.ClearAllPools(); // pooled connections died with the first server

        await using var second = new TestAppHost(dataDir);
        var again = second.Builder.AddPostgres("postgres");
        again.AddDatabase("patchdb");
        var app2 = await second.StartAsync();
        await app2.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);
        Assert.Equal(port, again.Resource.Port);
        Assert.DoesNotContain(again.Resource.Log.Since(0), l => l.Text.StartsWith("initdb", StringComparison.Ordinal));
        await using var reconnect = new Npgsql.NpgsqlConnection(again.Resource.ConnectionString("patchdb"));
        await reconnect.OpenAsync(TestContext.Current.CancellationToken);
        await using var read = new Npgsql.NpgsqlCommand("SELECT v FROM kept", reconnect);
        Assert.Equal("yes", await read.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        await reconnect.CloseAsync();

        await app2.StopAsync();
        Assert.Empty(TestAppHost.ProcessesMentioning(dataDir));
    }

    [Fact]
    public async Task Postgres_killed_with_sigkill_comes_back_with_its_data()
    {
        await using var host = new TestAppHost();
        var postgres = host.Builder.AddPostgres("postgres");
        postgres.AddDatabase("patchdb");
        var app = await host.StartAsync();
        await app.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);
        var connectionString = postgres.Resource.ConnectionString("patchdb") + ";Pooling=false";
        await ExecuteAsync(connectionString, "CREATE TABLE t (v int); INSERT INTO t VALUES (42)");
        var firstPid = postgres.Resource.Pid!.Value;

        System.Diagnostics.Process.GetProcessById(firstPid).Kill();

        await TestAppHost.WaitUntilAsync(() => postgres.Resource.Restarts == 1 && postgres.Resource.Health == ResourceHealth.Healthy,
            Timeout, "postgres to come back");
        Assert.Equal(42, await ExecuteAsync(connectionString, "SELECT v FROM t"));
        await app.StopAsync();
        Assert.Empty(TestAppHost.ProcessesMentioning(host.DataDir));
    }

    static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_process_ignoring_sigterm_is_killed_with_its_whole_group_after_the_stop_timeout()
    {
        await using var host = new TestAppHost(stopTimeout: TimeSpan.FromSeconds(2));
        var marker = $"300.{Random.Shared.Next(100_000, 999_999)}";
        var stubborn = host.Builder.AddResource(new StubbornResource(marker)).Resource;
        var app = await host.StartAsync();
        await app.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);
        await TestAppHost.WaitUntilAsync(() => TestAppHost.ProcessesMentioning(marker).Count == 2, Timeout, "shell and sleep");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await app.StopAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(30)); // timers may fire a hair early
        Assert.Contains(stubborn.Log.Since(0), l => l.Text.Contains("killing", StringComparison.Ordinal));
        await TestAppHost.WaitUntilAsync(() => TestAppHost.ProcessesMentioning(marker).Count == 0, TimeSpan.FromSeconds(5), "the group to die");
    }

    /// <summary>A shell and its child that both ignore SIGTERM.</summary>
    sealed class StubbornResource(string marker) : Resource("stubborn")
    {
        public override string Kind => "test";
        public override Task PrepareAsync(AppHostOptions options, CancellationToken ct) => Task.CompletedTask;
        public override ProcessSpec CreateProcessSpec() => new("/bin/sh", ["-c", $"trap '' TERM; sleep {marker} & wait; wait"]);
        public override Task<bool> CheckHealthAsync(CancellationToken ct) => Task.FromResult(true);
    }

    [Fact]
    public async Task A_second_AppHost_on_the_same_data_folder_is_refused_and_leaves_the_first_alone()
    {
        await using var first = new TestAppHost();
        var cache = first.Builder.AddRedis("cache").Resource;
        var app = await first.StartAsync();
        await app.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);

        await using var second = new TestAppHost(first.DataDir) { KeepDataDir = true };
        second.Builder.AddRedis("cache");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(second.StartAsync);

        Assert.Contains("Another AppHost", ex.Message, StringComparison.Ordinal);
        Assert.True(TestAppHost.IsAlive(cache.Pid!.Value));
        Assert.Equal(0, cache.Restarts);
    }

    [Fact]
    public void A_missing_binary_names_the_install_command()
    {
        var ex = Assert.Throws<MissingDependencyException>(() => Binaries.Find("patchdb-no-such-server"));
        Assert.Contains("eng/install.sh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_without_build_output_fails_before_anything_starts()
    {
        await using var host = new TestAppHost();
        host.Builder.AddProject("ghost", "../PatchDb.DoesNotExist");
        var ex = await Assert.ThrowsAsync<MissingDependencyException>(host.StartAsync);
        Assert.Contains("dotnet build", ex.Message, StringComparison.Ordinal);
    }

    static async Task<string> RespAsync(int port, string command)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"), TestContext.Current.CancellationToken);
        var buffer = new byte[256];
        var n = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
    }
}
