using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using SQLitePCL;

namespace Qingyun.Data;

/// <summary>
/// The cells of a bulk write, read and handed to the database without boxing. For each entity type and provider one
/// compiled delegate reads every column's property as its own type, applies EF Core's value converter (enums to
/// numbers; on SQLite, times to UTC ticks) and calls the provider's typed write: Npgsql's binary COPY, or SQLite's bind
/// calls on one prepared statement. Reading each cell as an object and binding it through ADO.NET cost about thirty
/// boxes and strings per row (a Guid became two strings on SQLite): most of a district import's garbage and a fifth of
/// its write.
/// </summary>
internal static class BulkCells
{
    private static readonly ConcurrentDictionary<(IEntityType Entity, Type Sink), Delegate> Compiled = new();

    /// <summary>The writer of one row's cells, in the order of <paramref name="columns"/> (the same for one entity type every time).</summary>
    public static Action<TSink, T> WriterFor<T, TSink>(IEntityType entity, IReadOnlyList<IProperty> columns) =>
        (Action<TSink, T>)Compiled.GetOrAdd((entity, typeof(TSink)), _ => Compile<T, TSink>(columns));

    private static Action<TSink, T> Compile<T, TSink>(IReadOnlyList<IProperty> columns)
    {
        var sink = Expression.Parameter(typeof(TSink), "sink");
        var row = Expression.Parameter(typeof(T), "row");
        var writeNull = Expression.Call(sink, typeof(TSink).GetMethod("Null")!);
        var cells = new List<Expression>(columns.Count);
        foreach (var property in columns)
        {
            var member = (MemberInfo?)property.PropertyInfo ?? property.FieldInfo
                ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} has no CLR member for a bulk write");
            Expression value = Expression.MakeMemberAccess(row, member);
            // A null (reference or nullable value) is written as NULL, as EF writes it; the converter sees only values.
            Expression? present = Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Property(value, "HasValue")
                : value.Type.IsValueType ? null
                : Expression.NotEqual(value, Expression.Constant(null, value.Type));
            if (Nullable.GetUnderlyingType(value.Type) is not null)
            {
                value = Expression.Property(value, "Value");
            }
            if (property.GetTypeMapping().Converter is { } converter)
            {
                var toProvider = converter.ConvertToProviderExpression;
                var from = toProvider.Parameters[0].Type;
                value = Expression.Invoke(toProvider, value.Type == from ? value : Expression.Convert(value, from));
                if (Nullable.GetUnderlyingType(value.Type) is not null)
                {
                    value = Expression.Property(value, "Value");
                }
            }
            else if (value.Type.IsEnum)
            {
                value = Expression.Convert(value, Enum.GetUnderlyingType(value.Type));
            }
            var write = typeof(TSink).GetMethod("Write", [value.Type]) is { } typed
                ? Expression.Call(sink, typed, value)
                : typeof(TSink).GetMethod("Write", BindingFlags.Public | BindingFlags.Instance, [Type.MakeGenericMethodParameter(0)]) is { IsGenericMethodDefinition: true } any
                    ? Expression.Call(sink, any.MakeGenericMethod(value.Type), value)
                    : throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name}: no bulk write for {value.Type.Name} on {typeof(TSink).Name}");
            cells.Add(present is null ? write : Expression.IfThenElse(present, write, writeNull));
        }
        return Expression.Lambda<Action<TSink, T>>(Expression.Block(cells), sink, row).Compile();
    }
}

/// <summary>
/// A few rows' cells into one array per column, for PostgreSQL's <c>unnest</c>: the arrays go as typed parameters
/// (Npgsql picks uuid[], timestamptz[], integer[] … from the element type), so one prepared statement writes any
/// number of rows. A column of a nullable value type is an array of nullables; a NULL cell is left as it is made.
/// </summary>
internal sealed class ArrayCells
{
    private readonly Array[] _columns;
    private int _row;
    private int _next;

    public ArrayCells(IReadOnlyList<Type> elements, int rows)
    {
        _columns = new Array[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            _columns[i] = Array.CreateInstance(elements[i], rows);
        }
    }

    /// <summary>Each column's array element: the type the compiled writer hands over, a Nullable of it for a nullable value column.</summary>
    public static Type[] ElementsOf(IReadOnlyList<IProperty> columns) =>
        [.. columns.Select(c => ProviderType(c) is var element && element.IsValueType && c.IsNullable ? typeof(Nullable<>).MakeGenericType(element) : element)];

    public IReadOnlyList<Array> Columns => _columns;

    /// <summary>Writes the row at <paramref name="index"/> with <paramref name="write"/>.</summary>
    public void Add<T>(Action<ArrayCells, T> write, T row, int index)
    {
        _row = index;
        _next = 0;
        write(this, row);
    }

    public void Null() => _next++;

    public void Write<TValue>(TValue value)
    {
        var column = _columns[_next++];
        if (column is TValue[] plain)
        {
            plain[_row] = value;
        }
        else
        {
            // An array of nullables (a present value in a nullable column): boxed once, unboxed into its Nullable.
            column.SetValue(value, _row);
        }
    }

    /// <summary>The type the compiled writer hands over for a column: the converter's provider type, an enum's number, or the property's own type.</summary>
    private static Type ProviderType(IProperty property)
    {
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetUnderlyingType(type) : type;
    }
}

/// <summary>One row's cells into a binary COPY: Npgsql's typed write picks the PostgreSQL type from the CLR type, as it did from the boxed value.</summary>
internal sealed class CopyCells(NpgsqlBinaryImporter copy)
{
    public void Null() => copy.WriteNull();

    public void Write<TValue>(TValue value) => copy.Write(value);
}

/// <summary>
/// One row's cells bound to a prepared SQLite statement, each type stored as Microsoft.Data.Sqlite stores it (text for
/// Guids in upper case, dates as yyyy-MM-dd, decimals as text, booleans as 0 and 1), so that bulk rows and EF's rows
/// compare equal in SQL. Text is bound as UTF-16 from the string itself (SQLite converts it): no copy per cell.
/// </summary>
internal sealed class SqliteCells(sqlite3 db, sqlite3_stmt statement)
{
    private int _next;

    /// <summary>Binds the row's cells with <paramref name="write"/>, runs the statement and makes it ready for the next row.</summary>
    public void Insert<T>(Action<SqliteCells, T> write, T row)
    {
        _next = 0;
        write(this, row);
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            try
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }
        raw.sqlite3_reset(statement);
    }

    public void Null() => Bound(raw.sqlite3_bind_null(statement, ++_next));

    // An empty span would be bound from a null pointer, which SQLite stores as NULL: the empty string goes as a string.
    public void Write(string value) =>
        Bound(value.Length == 0 ? raw.sqlite3_bind_text(statement, ++_next, "") : raw.sqlite3_bind_text16(statement, ++_next, value.AsSpan()));

    public void Write(byte[] value) =>
        Bound(value.Length == 0 ? raw.sqlite3_bind_zeroblob(statement, ++_next, 0) : raw.sqlite3_bind_blob(statement, ++_next, value));

    public void Write(long value) => Bound(raw.sqlite3_bind_int64(statement, ++_next, value));

    public void Write(int value) => Write((long)value);

    public void Write(short value) => Write((long)value);

    public void Write(byte value) => Write((long)value);

    public void Write(bool value) => Write(value ? 1L : 0L);

    public void Write(double value) => Bound(raw.sqlite3_bind_double(statement, ++_next, value));

    public void Write(decimal value) => Write(value.ToString("0.0###########################", CultureInfo.InvariantCulture));

    public void Write(Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _);
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToUpperInvariant(text[i]);
        }
        Bound(raw.sqlite3_bind_text16(statement, ++_next, text));
    }

    public void Write(DateOnly value)
    {
        Span<char> text = stackalloc char[10];
        value.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Bound(raw.sqlite3_bind_text16(statement, ++_next, text[..written]));
    }

    private void Bound(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
