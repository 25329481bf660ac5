namespace PatchDb.Web.Services.Models;

/// <summary>One uploaded photo (a "patch" on the wire).</summary>
public sealed record PatchImage(Guid Id, string Path);
