using System.Net;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

public sealed class HealthTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_follows_postgres()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        await using var host = await ApiTestHost.StartAsync(infra, null, connectionString: await postgres.CreateDatabaseAsync());
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);

        await postgres.StopAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Ct)).StatusCode);

        await postgres.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
    }
}
