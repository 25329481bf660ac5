namespace PatchDb.Api.Recognition;

/// <summary>One image of the shortlist with its raw cosine similarity to the query.</summary>
public readonly record struct Candidate(Guid ImageId, Guid? GroupId, double Cosine);
