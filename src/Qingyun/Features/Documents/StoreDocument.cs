using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Audit;
using Qingyun.Security;

namespace Qingyun.Features.Documents;

/// <summary>
/// Takes an uploaded signed form. Only real PDFs (the "%PDF-" signature, not just the name) up to
/// <see cref="Document.MaxBytes"/>; the document is added to the context and saved with the step it proves.
/// Evidence of a hand-reported figure (佐证材料) may also be a photo, JPEG or PNG, told by its signature too.
/// </summary>
public static class StoreDocument
{
    public static async Task<Result<Document>> AcceptAsync(AppDbContext db, IFormFile? file, Guid unitId, string field, DateTimeOffset now, CancellationToken ct,
        bool photosToo = false)
    {
        if (file is null || file.Length == 0)
        {
            return Failure.Required(field);
        }
        if (file.Length > Document.MaxBytes)
        {
            return new Failure(field, "FileTooLarge", 400, Document.MaxBytes / 1024 / 1024);
        }
        using var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        var type = KindOf(bytes);
        if (type is null || (!photosToo && type != "application/pdf"))
        {
            return new Failure(field, photosToo ? "NotPdfOrPhoto" : "NotPdf");
        }
        var name = Path.GetFileName(file.FileName ?? "").Trim();
        if (name.Length == 0)
        {
            name = type switch { "image/jpeg" => "photo.jpg", "image/png" => "photo.png", _ => "document.pdf" };
        }
        var document = new Document
        {
            UnitId = unitId,
            FileName = name.Length > Document.FileNameMaxLength ? name[^Document.FileNameMaxLength..] : name,
            ContentType = type,
            Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedBy = db.Scope.UserName,
            UploadedAt = now,
        };
        db.Documents.Add(document);
        return document;
    }

    /// <summary>The content type the file's first bytes show, whatever its name says; null for anything else.</summary>
    private static string? KindOf(byte[] bytes) =>
        bytes.AsSpan().StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.AsSpan().StartsWith(JpegSignature) ? "image/jpeg"
        : bytes.AsSpan().StartsWith(PngSignature) ? "image/png"
        : null;

    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static WebApplication MapDocuments(this WebApplication app)
    {
        // Served to anyone who may read the unit's people; the scope filter hides the rest (404).
        app.MapGet("/documents/{id:guid}", async (Guid id, AppDbContext db, AuditLog audit, CancellationToken ct) =>
        {
            var d = await db.Documents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (d is null)
            {
                return Results.NotFound();
            }
            await audit.RecordAsync(AuditAction.Download, nameof(Document), d.Id.ToString(), d.UnitId, field: d.FileName, ct: ct);
            return Results.File(d.Content, d.ContentType, d.FileName);
        }).RequirePermission(Permission.PeopleRead).WithTags("Documents").WithName("DownloadDocument")
          .WithSummary("A signed form uploaded with a workflow step (PDF), or the evidence of a hand-reported figure (PDF, JPEG or PNG).");
        return app;
    }
}
