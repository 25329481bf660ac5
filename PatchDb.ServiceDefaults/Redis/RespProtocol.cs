using System.Globalization;
using System.Text;

namespace PatchDb.ServiceDefaults.Redis;

/// <summary>RESP2 encoding of commands and decoding of replies.</summary>
internal static class RespProtocol
{
    public static byte[] EncodeCommand(string command, IReadOnlyList<object> arguments)
    {
        using var buffer = new MemoryStream();
        WriteLine(buffer, $"*{arguments.Count + 1}");
        WriteBulk(buffer, Encoding.UTF8.GetBytes(command));
        foreach (var argument in arguments)
        {
            WriteBulk(buffer, ToBytes(argument));
        }

        return buffer.ToArray();
    }

    /// <summary>Reads one reply: string (simple), long, byte[] (bulk), null, object?[] (array). Error replies throw.</summary>
    public static async Task<object?> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(stream, cancellationToken);
        if (line.Length == 0)
        {
            throw new IOException("Empty RESP line.");
        }

        var rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                throw new InvalidOperationException($"Redis error: {rest}");
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var data = new byte[length + 2];
                await stream.ReadExactlyAsync(data, cancellationToken);
                return data.AsSpan(0, length).ToArray();
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(stream, cancellationToken);
                }

                return items;
            default:
                throw new IOException($"Unexpected RESP type '{line[0]}'.");
        }
    }

    public static string? AsString(object? reply) => reply switch
    {
        null => null,
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"Reply of type {reply.GetType().Name} is not a string."),
    };

    private static byte[] ToBytes(object argument) => argument switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        string s => Encoding.UTF8.GetBytes(s),
        IFormattable f => Encoding.UTF8.GetBytes(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Encoding.UTF8.GetBytes(argument.ToString() ?? ""),
    };

    private static void WriteLine(Stream stream, string line) => stream.Write(Encoding.ASCII.GetBytes(line + "\r\n"));

    private static void WriteBulk(Stream stream, byte[] data)
    {
        WriteLine(stream, $"${data.Length}");
        stream.Write(data);
        stream.Write("\r\n"u8);
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new EndOfStreamException("Redis closed the connection.");
            }

            if (one[0] == '\r')
            {
                continue;
            }

            if (one[0] == '\n')
            {
                return builder.ToString();
            }

            builder.Append((char)one[0]);
        }
    }
}
