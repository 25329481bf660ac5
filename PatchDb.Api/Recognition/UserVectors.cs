using System.Numerics.Tensors;

namespace PatchDb.Api.Recognition;

/// <summary>An immutable snapshot of one user's embeddings of one model, stored row-major for exact search.</summary>
public sealed class UserVectors(Guid[] imageIds, float[] vectors, int dimensions)
{
    public static readonly UserVectors Empty = new([], [], 0);

    public int Count => imageIds.Length;

    public Guid[] ImageIds => imageIds;

    /// <summary>Scores (max(0, cosine) of L2-normalised vectors) of every image against <paramref name="query"/>.</summary>
    public float[] Score(ReadOnlySpan<float> query)
    {
        var scores = new float[imageIds.Length];
        if (query.Length != dimensions)
        {
            return scores;
        }
        for (var i = 0; i < imageIds.Length; i++)
        {
            scores[i] = Math.Clamp(TensorPrimitives.Dot(vectors.AsSpan(i * dimensions, dimensions), query), 0f, 1f);
        }
        return scores;
    }

    public UserVectors With(Guid imageId, ReadOnlySpan<float> vector)
    {
        if ((imageIds.Length > 0 && vector.Length != dimensions) || imageIds.Contains(imageId))
        {
            return this;
        }
        var newVectors = new float[vectors.Length + vector.Length];
        vectors.CopyTo(newVectors, 0);
        vector.CopyTo(newVectors.AsSpan(vectors.Length));
        return new UserVectors([.. imageIds, imageId], newVectors, vector.Length);
    }
}
