namespace PatchDb.Api.Storage;

/// <summary><c>Storage:AzureBlob</c>: a storage account connection string (as the portal or Azurite gives it) and the
/// container holding the blobs.</summary>
public sealed class AzureBlobOptions
{
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "patchdb-blobs";
}
