using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PatchDb.Api.Options;

namespace PatchDb.Api.Storage;

/// <summary>The filesystem blob store's disk: unhealthy while it has less than <see cref="StorageOptions.MinFreeBytes"/>
/// free, when uploads would fail with 507 anyway, so a platform routes them to a replica that can store them.</summary>
public sealed class BlobDiskHealthCheck(IOptions<StorageOptions> options, IHostEnvironment environment) : IHealthCheck
{
    public const string Name = "blob-disk";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.RootPath));
        // DriveInfo reads the file system that holds the path (statvfs), not only mount points.
        var free = new DriveInfo(root).AvailableFreeSpace;
        return Task.FromResult(free < options.Value.MinFreeBytes
            ? new HealthCheckResult(context.Registration.FailureStatus, $"{free} bytes free for blobs, less than {options.Value.MinFreeBytes}.")
            : HealthCheckResult.Healthy());
    }
}
