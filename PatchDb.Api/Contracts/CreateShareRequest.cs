namespace PatchDb.Api.Contracts;

/// <summary><c>scope</c>: "collection", "group" (with <c>group_id</c>) or "trade" (the groups with spares).</summary>
public sealed record CreateShareRequest(string? Scope, Guid? GroupId);
