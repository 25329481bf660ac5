using System.Numerics.Tensors;

namespace PatchDb.Api.Recognition;

/// <summary>An immutable snapshot of one user's embeddings of one model, stored row-major for exact search.</summary>
public sealed class UserVectors(Guid[] imageIds, float[] vectors, int dimensions)
{
    public static readonly UserVectors Empty = new([], [], 0);

    public int Count => imageIds.Length;

    public Guid[] ImageIds => imageIds;

    /// <summary>Cosine similarities (dot products of L2-normalised vectors) of every image with <paramref name="query"/>;
    /// 0 for all when the dimensions differ.</summary>
    public float[] Similarities(ReadOnlySpan<float> query)
    {
        var scores = new float[imageIds.Length];
        if (query.Length != dimensions)
        {
            return scores;
        }
        for (var i = 0; i < imageIds.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(vectors.AsSpan(i * dimensions, dimensions), query);
        }
        return scores;
    }

    /// <summary>Cosine similarities of just the images in <paramref name="wanted"/> that this snapshot holds.</summary>
    public Dictionary<Guid, double> SimilaritiesOf(IReadOnlySet<Guid> wanted, ReadOnlySpan<float> query)
    {
        var scores = new Dictionary<Guid, double>();
        if (query.Length != dimensions)
        {
            return scores;
        }
        for (var i = 0; i < imageIds.Length; i++)
        {
            if (wanted.Contains(imageIds[i]))
            {
                scores[imageIds[i]] = TensorPrimitives.Dot(vectors.AsSpan(i * dimensions, dimensions), query);
            }
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
