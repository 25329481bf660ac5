namespace PatchDb.Api.Contracts;

/// <summary>A share link as listed in the collector's settings; the token itself is shown only once, at creation.</summary>
public sealed record ShareLinkResponse(Guid Id, string Scope, Guid? GroupId, string? GroupName, DateTimeOffset CreatedAt,
    DateTimeOffset? LastOpenedAt);
