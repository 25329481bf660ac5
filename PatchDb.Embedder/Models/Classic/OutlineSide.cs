namespace PatchDb.Embedder.Models.Classic;

/// <summary>A straight side of an outline: unit normal (Nx, Ny) and offset C with Nx·x + Ny·y = C, and how many
/// boundary points support it.</summary>
public readonly record struct OutlineSide(double Nx, double Ny, double C, int Support);
