namespace PatchDb.Api.Recognition;

/// <summary>The rows behind <see cref="UserVectors"/> snapshots: rows [0, Written) are filled, the arrays' length is the
/// capacity. Appending is under a lock on this object.</summary>
internal sealed class VectorStorage(Guid[] ids, float[] vectors, int written)
{
    public Guid[] Ids { get; } = ids;

    public float[] Vectors { get; } = vectors;

    public int Written { get; set; } = written;
}
