using PatchDb.Api.Benchmarks;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Services;

namespace PatchDb.Api.Extensions;

public static class CommandExtensions
{
    /// <summary>Runs a command-line command instead of the server: <c>reindex</c> or <c>bench</c>. Returns false when args name none.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "reindex":
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var count = await scope.ServiceProvider.GetRequiredService<Reindexer>().RunAsync(CancellationToken.None);
                    Console.WriteLine($"Re-indexed {count} images.");
                }
                return true;
            case "bench":
                await ApiBenchmark.RunAsync(app, args[1..]);
                return true;
            default:
                return false;
        }
    }
}
