namespace PatchDb.Api.Recognition;

public readonly record struct IndexedImage(Guid ImageId, Guid? GroupId);
