namespace PatchDb.Api.Recognition;

public readonly record struct ImageScore(Guid ImageId, Guid? GroupId, double Score);
