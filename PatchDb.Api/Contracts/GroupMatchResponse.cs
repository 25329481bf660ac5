namespace PatchDb.Api.Contracts;

/// <summary>The best-matching image of a group; <c>id</c> and <c>path</c> are that image's.</summary>
public sealed record GroupMatchResponse(Guid GroupId, string GroupName, bool IsFavorite, Guid Id, string Path, double Score);
