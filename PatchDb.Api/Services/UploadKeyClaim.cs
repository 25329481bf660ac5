namespace PatchDb.Api.Services;

/// <summary>What claiming an Idempotency-Key found; for <see cref="UploadKeyState.Completed"/> the image and, once
/// the first request has answered, its answer's JSON.</summary>
public sealed record UploadKeyClaim(UploadKeyState State, Guid? ImageId = null, string? Response = null);
