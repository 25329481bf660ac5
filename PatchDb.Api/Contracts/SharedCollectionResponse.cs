namespace PatchDb.Api.Contracts;

/// <summary>What anyone with a share link sees: nothing but the username and the shared groups.</summary>
public sealed record SharedCollectionResponse(string Username, string Scope, IReadOnlyList<SharedGroupResponse> Groups);
