namespace PatchDb.Api.Contracts;

public sealed record RejectionRequest(Guid? GroupId);
