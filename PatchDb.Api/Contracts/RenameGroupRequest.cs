namespace PatchDb.Api.Contracts;

public sealed record RenameGroupRequest(string? Name);
