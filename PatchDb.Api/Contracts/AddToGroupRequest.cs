namespace PatchDb.Api.Contracts;

public sealed record AddToGroupRequest(Guid? PatchId, Guid? GroupId);
