namespace PatchDb.Api.Contracts;

public sealed record CreateGroupRequest(Guid? PatchId, string? Name);
