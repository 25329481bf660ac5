using System.Text.Json;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services;

/// <summary>The calls behind bulk import and the review tray.</summary>
public sealed partial class ApiClient
{
    /// <summary>A photo with its analysis status, matches and candidates (rejected groups left out by the Api).</summary>
    public async Task<UploadResponse> GetPatchAsync(Guid patchId, CancellationToken ct = default) =>
        await SendAsync<UploadResponse>(HttpMethod.Get, $"patch/{patchId}", null, await SessionAsync(), ct);

    /// <summary>"Not this one": the Api never proposes that group for that photo again.</summary>
    public async Task RejectAsync(Guid patchId, Guid groupId, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Post, $"patch/{patchId}/rejections", new { group_id = groupId }, await SessionAsync(), ct);

    public async Task UndoRejectionAsync(Guid patchId, Guid groupId, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Delete, $"patch/{patchId}/rejections/{groupId}", null, await SessionAsync(), ct);

    public async Task<Evidence> GetEvidenceAsync(Guid patchId, Guid groupId, CancellationToken ct = default) =>
        await SendAsync<Evidence>(HttpMethod.Get, $"patch/{patchId}/evidence/{groupId}", null, await SessionAsync(), ct);

    /// <summary>Takes a photo out of its group, back into the tray (the undo of an automatic filing).</summary>
    public async Task UngroupAsync(Guid patchId, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Delete, $"patch/{patchId}/group", null, await SessionAsync(), ct);
}
