using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Organization;

namespace Qingyun.Security;

/// <summary>
/// Writes one audit entry per changed entity in the same SaveChanges, so a write and its audit
/// line commit or fail together. Secrets are never copied: ciphers, hashes and stamps are redacted.
/// A singleton, so the DbContext options are built once, not per request: the request's scope is the one the
/// context carries.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Chinese stays readable in the log instead of \uXXXX escapes.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static readonly HashSet<string> Skipped = ["AuditEntry", "DataProtectionKey", "IdentityUserToken`1", "IdentityUserLogin`1", "IdentityUserClaim`1", "IdentityRoleClaim`1", "IdentityRole`1",
        // Roll-up cells are derived from audited records and rebuilt from them (decision 014).
        "FigureTally", "FigureSubject", "FigureStale"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is not AppDbContext { Scope: var scope } || scope.EntityAuditSuppressed)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var entries = context.ChangeTracker.Entries().ToList();
        foreach (var entry in entries)
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit log is append-only.");
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || Skipped.Contains(entry.Metadata.ClrType.Name))
            {
                continue;
            }
            using var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }
            context.Add(EntryFor(entry, changes, scope.Actor, now));
        }
    }

    /// <summary>The audit line of one added entity, for a writer that saves several people's changes together.</summary>
    public static AuditEntry Created(EntityEntry entry, AuditActor who, DateTimeOffset now)
    {
        using var changes = Changes(entry);
        return EntryFor(entry, changes, who, now);
    }

    /// <summary>
    /// The same line for a new entity that is not tracked (a bulk write), read from the model's properties: tracking
    /// each row only to describe it was a tenth of the app's work at a busy gate.
    /// </summary>
    public static AuditEntry Created(IEntityType type, object entity, AuditActor who, DateTimeOffset now)
    {
        var properties = DescribedOf.GetOrAdd(type, t =>
            [.. t.GetProperties().Select(p => new Described(p.Name, JsonEncodedText.Encode(p.Name, JsonOptions.Encoder), p.GetGetter(), p.IsPrimaryKey()))]);
        string? id = null;
        using var changes = new ChangesWriter();
        foreach (var p in properties)
        {
            var value = p.Getter.GetClrValueUsingContainingEntity(entity);
            if (id is null && p.IsKey)
            {
                id = value?.ToString();
            }
            changes.Add(p.JsonName, null, Shown(p.Name, value));
        }
        return Line(entity, AuditAction.Create, type.ClrType.Name, id, changes.ToJson(), who, now);
    }

    private sealed record Described(string Name, JsonEncodedText JsonName, IClrPropertyGetter Getter, bool IsKey);

    private static readonly ConcurrentDictionary<IEntityType, Described[]> DescribedOf = new();

    /// <summary>
    /// A line's changes, <c>{"Name":[before,after],…}</c> (Chinese unescaped), written straight to JSON: a dictionary of
    /// boxed pairs through the serializer was most of the cost of describing a row. Tracked and untracked lines alike.
    /// </summary>
    private sealed class ChangesWriter : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _json;

        public ChangesWriter()
        {
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JsonOptions.Encoder });
            _json.WriteStartObject();
        }

        public int Count { get; private set; }

        public void Add(string name, object? before, object? after) => Add(JsonEncodedText.Encode(name, JsonOptions.Encoder), before, after);

        public void Add(JsonEncodedText name, object? before, object? after)
        {
            _json.WritePropertyName(name);
            _json.WriteStartArray();
            Write(before);
            Write(after);
            _json.WriteEndArray();
            Count++;
        }

        public string ToJson()
        {
            _json.WriteEndObject();
            _json.Flush();
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }

        public void Dispose() => _json.Dispose();

        /// <summary>A shown value as <see cref="JsonSerializer"/> writes it; the common types directly, any other through the serializer.</summary>
        private void Write(object? value)
        {
            switch (value)
            {
                case null:
                    _json.WriteNullValue();
                    break;
                case string s:
                    _json.WriteStringValue(s);
                    break;
                case Guid g:
                    _json.WriteStringValue(g);
                    break;
                case DateTimeOffset d:
                    _json.WriteStringValue(d);
                    break;
                case int i:
                    _json.WriteNumberValue(i);
                    break;
                case long l:
                    _json.WriteNumberValue(l);
                    break;
                case decimal m:
                    _json.WriteNumberValue(m);
                    break;
                case bool b:
                    _json.WriteBooleanValue(b);
                    break;
                default:
                    JsonSerializer.Serialize(_json, value, value.GetType(), JsonOptions);
                    break;
            }
        }
    }

    private static AuditEntry EntryFor(EntityEntry entry, ChangesWriter changes, AuditActor who, DateTimeOffset now) =>
        Line(entry.Entity, entry.State switch
        {
            EntityState.Added => AuditAction.Create,
            EntityState.Deleted => AuditAction.Delete,
            _ => AuditAction.Update,
        }, entry.Metadata.ClrType.Name, entry.Properties.FirstOrDefault(p => p.Metadata.IsPrimaryKey())?.CurrentValue?.ToString(),
            changes.ToJson(), who, now);

    private static AuditEntry Line(object entity, AuditAction action, string type, string? id, string changes,
        AuditActor who, DateTimeOffset now) => new()
    {
        At = now,
        UserId = who.UserId,
        UserName = who.UserName,
        Ip = who.Ip,
        UnitId = UnitOf(entity),
        Action = action,
        EntityType = type,
        EntityId = id,
        Changes = changes,
    };

    private static Guid? UnitOf(object entity) => entity switch
    {
        OrgUnit u => u.Id,
        IUnitOwned o => o.UnitId,
        AppUser a => a.HomeUnitId,
        _ => null,
    };

    private static ChangesWriter Changes(EntityEntry entry)
    {
        var result = new ChangesWriter();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (entry.State == EntityState.Modified && !p.IsModified)
            {
                continue;
            }
            var before = entry.State == EntityState.Added ? null : p.OriginalValue;
            var after = entry.State == EntityState.Deleted ? null : p.CurrentValue;
            if (entry.State == EntityState.Modified && Equals(before, after))
            {
                continue;
            }
            result.Add(name, Shown(name, before), Shown(name, after));
        }
        return result;
    }

    /// <summary>A value as the log shows it: secrets starred, phone numbers and addresses masked, enums by name.</summary>
    private static object? Shown(string name, object? value)
    {
        if (IsSecret(name))
        {
            return value is null ? null : "***";
        }
        if (name is "PhoneNumber" or "Email" or "NormalizedEmail" && value is string text)
        {
            return Domain.People.Phone.Mask(text);
        }
        return Plain(value);
    }

    private static bool IsSecret(string name) =>
        name.EndsWith("Cipher", StringComparison.Ordinal) || name.EndsWith("Index", StringComparison.Ordinal)
        || name.EndsWith("Hash", StringComparison.Ordinal) || name.EndsWith("Stamp", StringComparison.Ordinal);

    private static object? Plain(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString(),
        byte[] => "***",
        _ => value,
    };
}
