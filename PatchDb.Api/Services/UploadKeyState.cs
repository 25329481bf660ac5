namespace PatchDb.Api.Services;

public enum UploadKeyState
{
    /// <summary>This request owns the key: store the image.</summary>
    Claimed,

    /// <summary>An earlier request with this key stored its image: answer with it.</summary>
    Completed,

    /// <summary>An earlier request with this key is still storing its image.</summary>
    InFlight,

    /// <summary>The key was used with other photo bytes.</summary>
    Mismatch,
}
