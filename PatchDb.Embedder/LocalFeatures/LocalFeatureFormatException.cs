namespace PatchDb.Embedder.LocalFeatures;

/// <summary>Bytes that are not a well-formed PDLF blob (see <see cref="LocalFeatureSet"/>).</summary>
public sealed class LocalFeatureFormatException(string message) : Exception(message);
