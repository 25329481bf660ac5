using System.Numerics.Tensors;

namespace PatchDb.Api.Recognition;

/// <summary>
/// An immutable snapshot of one user's embeddings of one model, stored row-major for exact search. Snapshots made by
/// <see cref="With"/> share their storage, which has room to grow: an upload appends in place instead of copying the
/// whole collection (48 MB for 10,000 classic-v1 vectors) on every upload. A snapshot reads only its first
/// <see cref="Count"/> rows, and rows are written only past every snapshot's end, so older snapshots never change.
/// </summary>
public sealed class UserVectors
{
    private readonly VectorStorage _storage;
    private readonly int _count;
    private readonly int _dimensions;

    public UserVectors(Guid[] imageIds, float[] vectors, int dimensions)
        : this(new VectorStorage(imageIds, vectors, imageIds.Length), imageIds.Length, dimensions)
    {
    }

    private UserVectors(VectorStorage storage, int count, int dimensions) => (_storage, _count, _dimensions) = (storage, count, dimensions);

    public static readonly UserVectors Empty = new([], [], 0);

    public int Count => _count;

    public ReadOnlySpan<Guid> ImageIds => _storage.Ids.AsSpan(0, _count);

    /// <summary>Cosine similarities (dot products of L2-normalised vectors) of every image with <paramref name="query"/>;
    /// 0 for all when the dimensions differ.</summary>
    public float[] Similarities(ReadOnlySpan<float> query)
    {
        var scores = new float[_count];
        if (query.Length != _dimensions)
        {
            return scores;
        }
        for (var i = 0; i < _count; i++)
        {
            scores[i] = TensorPrimitives.Dot(Row(i), query);
        }
        return scores;
    }

    /// <summary>Cosine similarities of just the images in <paramref name="wanted"/> that this snapshot holds.</summary>
    public Dictionary<Guid, double> SimilaritiesOf(IReadOnlySet<Guid> wanted, ReadOnlySpan<float> query)
    {
        var scores = new Dictionary<Guid, double>();
        if (query.Length != _dimensions)
        {
            return scores;
        }
        for (var i = 0; i < _count; i++)
        {
            if (wanted.Contains(_storage.Ids[i]))
            {
                scores[_storage.Ids[i]] = TensorPrimitives.Dot(Row(i), query);
            }
        }
        return scores;
    }

    public UserVectors With(Guid imageId, ReadOnlySpan<float> vector)
    {
        if ((_count > 0 && vector.Length != _dimensions) || ImageIds.Contains(imageId))
        {
            return this;
        }
        var dimensions = vector.Length;
        lock (_storage)
        {
            // In place only from the newest snapshot (nobody has written past its end yet) and while there is room.
            if (_storage.Written == _count && _count < _storage.Ids.Length)
            {
                Append(_storage, imageId, vector);
                return new UserVectors(_storage, _count + 1, dimensions);
            }
        }
        // A quarter more room each time: copies stay rare without doubling a large collection's memory.
        var capacity = _count + 1 + _count / 4 + 16;
        var grown = new VectorStorage(new Guid[capacity], new float[capacity * dimensions], 0);
        ImageIds.CopyTo(grown.Ids);
        _storage.Vectors.AsSpan(0, _count * dimensions).CopyTo(grown.Vectors);
        grown.Written = _count;
        Append(grown, imageId, vector);
        return new UserVectors(grown, _count + 1, dimensions);
    }

    private ReadOnlySpan<float> Row(int i) => _storage.Vectors.AsSpan(i * _dimensions, _dimensions);

    private static void Append(VectorStorage storage, Guid imageId, ReadOnlySpan<float> vector)
    {
        storage.Ids[storage.Written] = imageId;
        vector.CopyTo(storage.Vectors.AsSpan(storage.Written * vector.Length));
        storage.Written++;
    }
}
