namespace PatchDb.Tests.Drills.Harness;

/// <summary>How many collectors upload how many photos each: small in the test suite, larger in the drills command.</summary>
public sealed record DrillSize(int Clients, int PhotosPerClient)
{
    public static readonly DrillSize Test = new(4, 6);

    /// <summary>The figure: 100 uploads from 8 clients.</summary>
    public static readonly DrillSize Long = new(8, 13);
}
