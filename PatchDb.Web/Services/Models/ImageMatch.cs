namespace PatchDb.Web.Services.Models;

/// <summary>A matching photo that is not in any group yet.</summary>
public sealed record ImageMatch(Guid Id, string Path, double Score);
