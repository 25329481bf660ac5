namespace PatchDb.Api.Storage;

/// <summary><c>Storage:AzureBlob</c>: a storage account connection string (AccountName, AccountKey, BlobEndpoint or
/// DefaultEndpointsProtocol + EndpointSuffix) and the container holding the blobs.</summary>
public sealed class AzureBlobOptions
{
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "patchdb-blobs";

    public (Uri Endpoint, string Account, byte[] Key) Parse()
    {
        var parts = (ConnectionString ?? throw new InvalidOperationException("Storage:AzureBlob:ConnectionString is not configured."))
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var account = parts.GetValueOrDefault("AccountName") ?? throw new InvalidOperationException("The Azure connection string has no AccountName.");
        var key = Convert.FromBase64String(parts.GetValueOrDefault("AccountKey") ?? throw new InvalidOperationException("The Azure connection string has no AccountKey."));
        var endpoint = parts.GetValueOrDefault("BlobEndpoint")
            ?? $"{parts.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https"}://{account}.blob.{parts.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net"}";
        return (new Uri(endpoint.TrimEnd('/') + "/"), account, key);
    }
}
