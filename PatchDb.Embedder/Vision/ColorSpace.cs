namespace PatchDb.Embedder.Vision;

/// <summary>sRGB, linear RGB and CIE L*a*b* (D65) conversions.</summary>
public static class ColorSpace
{
    public static float SrgbToLinear(float v) =>
        v <= 0.04045f ? v / 12.92f : MathF.Pow((v + 0.055f) / 1.055f, 2.4f);

    /// <summary>Linear RGB (0..1) to L*a*b*: L in 0..100, a and b roughly -100..100.</summary>
    public static (float L, float A, float B) LinearToLab(float r, float g, float b)
    {
        var x = (0.4124564f * r + 0.3575761f * g + 0.1804375f * b) / 0.95047f;
        var y = 0.2126729f * r + 0.7151522f * g + 0.0721750f * b;
        var z = (0.0193339f * r + 0.1191920f * g + 0.9503041f * b) / 1.08883f;
        float fx = F(x), fy = F(y), fz = F(z);
        return (116f * fy - 16f, 500f * (fx - fy), 200f * (fy - fz));

        static float F(float t) => t > 0.008856f ? MathF.Cbrt(t) : 7.787f * t + 16f / 116f;
    }
}
