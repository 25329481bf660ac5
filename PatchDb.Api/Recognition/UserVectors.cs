using System.Numerics.Tensors;

namespace PatchDb.Api.Recognition;

/// <summary>An immutable snapshot of one user's embeddings of one model, stored row-major for exact search.</summary>
public sealed class UserVectors(IndexedImage[] images, float[] vectors, int dimensions)
{
    public static readonly UserVectors Empty = new([], [], 0);

    public int Count => images.Length;

    public IndexedImage[] Images => images;

    /// <summary>Scores (max(0, cosine) of L2-normalised vectors) of every image against <paramref name="query"/>.</summary>
    public float[] Score(ReadOnlySpan<float> query)
    {
        var scores = new float[images.Length];
        if (query.Length != dimensions)
        {
            return scores;
        }
        for (var i = 0; i < images.Length; i++)
        {
            scores[i] = Math.Clamp(TensorPrimitives.Dot(vectors.AsSpan(i * dimensions, dimensions), query), 0f, 1f);
        }
        return scores;
    }

    public UserVectors With(IndexedImage image, ReadOnlySpan<float> vector)
    {
        if ((images.Length > 0 && vector.Length != dimensions) || images.Any(i => i.ImageId == image.ImageId))
        {
            return this;
        }
        var newVectors = new float[vectors.Length + vector.Length];
        vectors.CopyTo(newVectors, 0);
        vector.CopyTo(newVectors.AsSpan(vectors.Length));
        return new UserVectors([.. images, image], newVectors, vector.Length);
    }
}
