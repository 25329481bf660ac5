using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string FileSystemProvider = "FileSystem";
    public const string AzureBlobProvider = "AzureBlob";

    /// <summary>"FileSystem" (default) or "AzureBlob" (settings in <see cref="AzureBlob"/>).</summary>
    [RegularExpression("^(FileSystem|AzureBlob)$")]
    public string Provider { get; set; } = FileSystemProvider;

    public Storage.AzureBlobOptions AzureBlob { get; set; } = new();

    /// <summary>Folder of the filesystem blob store (and of staged uploads for every provider); relative paths are under the content root.</summary>
    [Required]
    public string RootPath { get; set; } = ".patchdb/blobs";

    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>Unreferenced blobs younger than this are left alone by the sweep (uploads may be in flight).</summary>
    public TimeSpan SweepGracePeriod { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The filesystem store's /health check is unhealthy with less free space than this.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 64L * 1024 * 1024;
}
