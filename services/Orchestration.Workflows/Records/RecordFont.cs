using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Orchestration.Workflows.Records;

/// <summary>
/// The CJK font the printed records are set in and embed (a subset of it: only the glyphs used). PDFsharp embeds TrueType
/// outlines, so the font is a TrueType face or collection (.ttf/.ttc); Debian's fonts-wqy-microhei is the default.
/// <c>Records:PdfFont</c> names the file, optionally with the face's index in a collection after a '#'.
/// </summary>
public static class RecordFont
{
    /// <summary>The setting naming the font file.</summary>
    public const string Setting = "Records:PdfFont";

    /// <summary>Where Debian's TrueType CJK fonts are, tried in turn when the setting is empty.</summary>
    public static readonly string[] DebianFonts =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ];

    const string Family = "RecordCjk";
    static readonly Lock Gate = new();
    static Face? face;

    sealed record Face(string Path, int Index, byte[] Bytes);

    /// <summary>The font file the configuration names, else the first of <see cref="DebianFonts"/> present; null when there is none.</summary>
    public static (string Path, int Index)? Locate(IConfiguration configuration)
    {
        var configured = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var hash = configured.LastIndexOf('#');
            var (path, index) = hash > 0 && int.TryParse(configured[(hash + 1)..], out var i) ? (configured[..hash], i) : (configured, 0);
            return File.Exists(path) ? (path, index) : null;
        }
        return DebianFonts.FirstOrDefault(File.Exists) is { } found ? (found, 0) : null;
    }

    /// <summary>
    /// The family name to draw with, its font loaded from <paramref name="path"/>. PDFsharp's font resolver is one per process: the
    /// first font loaded is the one every record is printed in.
    /// </summary>
    public static string Use(string path, int index)
    {
        lock (Gate)
        {
            if (face is null)
            {
                face = new Face(path, index, FaceOf(File.ReadAllBytes(path), index));
                if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new Resolver();
            }
            return Family;
        }
    }

    /// <summary>
    /// The face <paramref name="index"/> of a TrueType collection (.ttc) as a font file of its own, since PDFsharp reads single fonts:
    /// a new table directory whose tables are copied after it. A single font file is given back as it is.
    /// </summary>
    public static byte[] FaceOf(byte[] file, int index)
    {
        static uint U32(byte[] b, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        static ushort U16(byte[] b, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));
        if (file.Length < 12 || U32(file, 0) != 0x74746366) return file; // not 'ttcf'
        var count = (int)U32(file, 8);
        if (index < 0 || index >= count) throw new InvalidOperationException($"The font collection has {count} faces; face {index} does not exist.");
        var directory = (int)U32(file, 12 + 4 * index);
        var tables = U16(file, directory + 4);
        var headerLength = 12 + 16 * tables;
        var tableRecords = Enumerable.Range(0, tables).Select(t => directory + 12 + 16 * t)
            .Select(at => (Record: at, Offset: (int)U32(file, at + 8), Length: (int)U32(file, at + 12))).ToList();
        var size = headerLength + tableRecords.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[size];
        Array.Copy(file, directory, font, 0, 12);
        var next = headerLength;
        for (var t = 0; t < tableRecords.Count; t++)
        {
            var (record, offset, length) = tableRecords[t];
            Array.Copy(file, record, font, 12 + 16 * t, 16);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * t + 8), (uint)next);
            Array.Copy(file, offset, font, next, length);
            next += (length + 3) & ~3;
        }
        return font;
    }

    sealed class Resolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            face is null ? null
            : new FontResolverInfo(Family, (bold ? XStyleSimulations.BoldSimulation : XStyleSimulations.None) | (italic ? XStyleSimulations.ItalicSimulation : XStyleSimulations.None));

        public byte[]? GetFont(string faceName) => face?.Bytes;
    }

    /// <summary>The message a server without the font starts with, naming the setting and the package.</summary>
    public static string MissingMessage(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[Setting])
            ? $"No CJK TrueType font for printed records: none of {string.Join(", ", DebianFonts)} exists. Install Debian's fonts-wqy-microhei or set {Setting} to a .ttf/.ttc file."
            : $"{Setting} names '{configuration[Setting]}', which does not exist. Set it to a CJK TrueType font (.ttf/.ttc, '#n' for a face of a collection).";
}

/// <summary>
/// Refuses to start a server that could not print a record: the font <see cref="RecordFont"/> needs must be there (in Production, or
/// wherever <c>Records:PdfFont</c> names a file).
/// </summary>
internal sealed class RecordFontCheck(IConfiguration configuration, IHostEnvironment environment, ILogger<RecordFontCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (RecordFont.Locate(configuration) is not { } font)
        {
            var message = RecordFont.MissingMessage(configuration);
            // A developer's machine without the font still runs; the printed record then answers 503 naming the setting.
            if (!environment.IsProduction() && string.IsNullOrWhiteSpace(configuration[RecordFont.Setting]))
            {
                logger.LogWarning("{Problem}", message);
                return Task.CompletedTask;
            }
            logger.LogCritical("{Problem}", message);
            throw new InvalidOperationException(message);
        }
        logger.LogDebug("Printed records use {Font} (face {Index})", font.Path, font.Index);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
