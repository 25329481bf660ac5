using System.IO.Compression;
using Google.Protobuf;
using PatchDb.AppHost.Otlp.Proto;

namespace PatchDb.AppHost.Otlp;

/// <summary>OTLP/HTTP with protobuf payloads: <c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>.</summary>
public static class OtlpReceiver
{
    const string ProtobufContentType = "application/x-protobuf";
    const int MaxBody = 32 * 1024 * 1024;

    public static void MapOtlpReceiver(this IEndpointRouteBuilder app, TelemetryStore store, int port)
    {
        var otlp = app.MapGroup("/v1").RequireHost($"*:{port}");
        otlp.MapPost("/traces", (HttpRequest request) =>
            ReceiveAsync(request, ExportTraceServiceRequest.Parser, store.Add, new ExportTraceServiceResponse()));
        otlp.MapPost("/metrics", (HttpRequest request) =>
            ReceiveAsync(request, ExportMetricsServiceRequest.Parser, store.Add, new ExportMetricsServiceResponse()));
        otlp.MapPost("/logs", (HttpRequest request) =>
            ReceiveAsync(request, ExportLogsServiceRequest.Parser, store.Add, new ExportLogsServiceResponse()));
    }

    static async Task<IResult> ReceiveAsync<T>(HttpRequest request, MessageParser<T> parser, Action<T> store, IMessage response)
        where T : IMessage<T>
    {
        if (request.ContentType?.StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem($"Only {ProtobufContentType} is accepted.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        if (request.ContentLength > MaxBody)
        {
            return TypedResults.Problem("Payload too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        using var body = new MemoryStream();
        if (request.Headers.ContentEncoding.ToString() == "gzip")
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(body, request.HttpContext.RequestAborted);
        }
        else
        {
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        }
        try
        {
            store(parser.ParseFrom(body.ToArray()));
        }
        catch (InvalidProtocolBufferException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Bytes(response.ToByteArray(), ProtobufContentType);
    }
}
