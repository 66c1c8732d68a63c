namespace Qingyun.Domain.Documents;

/// <summary>
/// An uploaded signed form (入团申请书, 入团志愿书, 推优会议记录…), kept in the database beside the record it
/// proves so a backup holds both. Only PDFs are accepted; the hash shows the file was not changed since.
/// </summary>
public sealed class Document : IUnitOwned
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int FileNameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/pdf";
    public int Length { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
