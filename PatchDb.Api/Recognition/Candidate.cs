namespace PatchDb.Api.Recognition;

/// <summary>One image of the shortlist with its raw cosine similarity to the query (of the primary model).
/// <paramref name="Auxiliary"/>: shortlisted by an auxiliary descriptor only, so it is verified whatever its cosine.</summary>
public readonly record struct Candidate(Guid ImageId, Guid? GroupId, double Cosine, bool Auxiliary = false);
