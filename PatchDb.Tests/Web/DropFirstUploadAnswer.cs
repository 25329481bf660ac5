namespace PatchDb.Tests.Web;

/// <summary>A flaky connection: the first upload reaches the Api and is stored, but its answer is lost on the way back.</summary>
internal sealed class DropFirstUploadAnswer() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _dropped;

    private int _uploads;

    public int Uploads => Volatile.Read(ref _uploads);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/upload", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _uploads);
            if (Interlocked.Exchange(ref _dropped, 1) == 0)
            {
                response.Dispose();
                throw new HttpRequestException("The connection was reset.");
            }
        }

        return response;
    }
}
