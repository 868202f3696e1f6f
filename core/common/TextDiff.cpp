#include "TextDiff.h"

#include <QHash>

#include <vector>

namespace {

using Kind = DiffLine::Kind;

/**
 * Myers' diff on two sequences of line ids, in linear space: trim what both ends share, find the middle
 * of the shortest edit path by walking it from both ends at once, and recurse on the two halves (after
 * Neil Fraser's diff-match-patch bisect). Produces one edit per line.
 */
class Myers
{
public:
    Myers(const std::vector<int> &a, const std::vector<int> &b)
        : m_a(a)
        , m_b(b)
    {
        m_edits.reserve(a.size() + b.size());
    }

    std::vector<Kind> run()
    {
        diff(0, static_cast<int>(m_a.size()), 0, static_cast<int>(m_b.size()));
        return std::move(m_edits);
    }

private:
    void push(Kind kind, int count) { m_edits.insert(m_edits.end(), static_cast<size_t>(count), kind); }

    void diff(int a0, int a1, int b0, int b1)
    {
        int prefix = 0;
        while (a0 < a1 && b0 < b1 && m_a[a0] == m_b[b0]) {
            ++a0;
            ++b0;
            ++prefix;
        }
        int suffix = 0;
        while (a0 < a1 && b0 < b1 && m_a[a1 - 1] == m_b[b1 - 1]) {
            --a1;
            --b1;
            ++suffix;
        }
        push(Kind::Same, prefix);
        if (a0 == a1)
            push(Kind::Added, b1 - b0);
        else if (b0 == b1)
            push(Kind::Removed, a1 - a0);
        else
            bisect(a0, a1, b0, b1);
        push(Kind::Same, suffix);
    }

    /// Splits at the middle snake of a[a0, a1) and b[b0, b1), which share no first and no last line.
    void bisect(int a0, int a1, int b0, int b1)
    {
        const int n = a1 - a0;
        const int m = b1 - b0;
        const int maxD = (n + m + 1) / 2;
        const int offset = maxD;
        const int size = 2 * maxD + 2;
        std::vector<int> forward(static_cast<size_t>(size), -1);
        std::vector<int> backward(static_cast<size_t>(size), -1);
        forward[offset + 1] = 0;
        backward[offset + 1] = 0;
        const int delta = n - m;
        const bool frontMeets = delta % 2 != 0;
        int k1Start = 0;
        int k1End = 0;
        int k2Start = 0;
        int k2End = 0;
        for (int d = 0; d < maxD; ++d) {
            for (int k1 = -d + k1Start; k1 <= d - k1End; k1 += 2) {
                const int i = offset + k1;
                int x1 = (k1 == -d || (k1 != d && forward[i - 1] < forward[i + 1])) ? forward[i + 1]
                                                                                    : forward[i - 1] + 1;
                int y1 = x1 - k1;
                while (x1 < n && y1 < m && m_a[a0 + x1] == m_b[b0 + y1]) {
                    ++x1;
                    ++y1;
                }
                forward[i] = x1;
                if (x1 > n) {
                    k1End += 2;
                } else if (y1 > m) {
                    k1Start += 2;
                } else if (frontMeets) {
                    const int j = offset + delta - k1;
                    if (j >= 0 && j < size && backward[j] != -1 && x1 >= n - backward[j])
                        return split(a0, a1, b0, b1, x1, y1);
                }
            }
            for (int k2 = -d + k2Start; k2 <= d - k2End; k2 += 2) {
                const int i = offset + k2;
                int x2 = (k2 == -d || (k2 != d && backward[i - 1] < backward[i + 1])) ? backward[i + 1]
                                                                                      : backward[i - 1] + 1;
                int y2 = x2 - k2;
                while (x2 < n && y2 < m && m_a[a1 - 1 - x2] == m_b[b1 - 1 - y2]) {
                    ++x2;
                    ++y2;
                }
                backward[i] = x2;
                if (x2 > n) {
                    k2End += 2;
                } else if (y2 > m) {
                    k2Start += 2;
                } else if (!frontMeets) {
                    const int j = offset + delta - k2;
                    if (j >= 0 && j < size && forward[j] != -1) {
                        const int x1 = forward[j];
                        const int y1 = offset + x1 - j;
                        if (x1 >= n - x2)
                            return split(a0, a1, b0, b1, x1, y1);
                    }
                }
            }
        }
        // Not reached for two non-empty sequences; kept so that the result is a valid diff regardless.
        push(Kind::Removed, n);
        push(Kind::Added, m);
    }

    void split(int a0, int a1, int b0, int b1, int x, int y)
    {
        diff(a0, a0 + x, b0, b0 + y);
        diff(a0 + x, a1, b0 + y, b1);
    }

    const std::vector<int> &m_a;
    const std::vector<int> &m_b;
    std::vector<Kind> m_edits;
};

std::vector<int> toIds(const QStringList &lines, QHash<QString, int> &ids)
{
    std::vector<int> result;
    result.reserve(static_cast<size_t>(lines.size()));
    for (const QString &line : lines) {
        auto it = ids.constFind(line);
        if (it == ids.cend())
            it = ids.insert(line, static_cast<int>(ids.size()));
        result.push_back(*it);
    }
    return result;
}

} // namespace

QList<DiffLine> TextDiff::lines(const QString &before, const QString &after)
{
    const QStringList oldLines = splitLines(before);
    const QStringList newLines = splitLines(after);
    QHash<QString, int> ids;
    const std::vector<int> a = toIds(oldLines, ids);
    const std::vector<int> b = toIds(newLines, ids);
    const std::vector<Kind> edits = Myers(a, b).run();

    QList<DiffLine> result;
    result.reserve(static_cast<qsizetype>(edits.size()));
    int oldIndex = 0;
    int newIndex = 0;
    size_t e = 0;
    while (e < edits.size()) {
        if (edits[e] == Kind::Same) {
            result.append({Kind::Same, oldIndex + 1, newIndex + 1, newLines.at(newIndex)});
            ++oldIndex;
            ++newIndex;
            ++e;
            continue;
        }
        // A changed stretch: all of its removed lines first, then all of its added lines.
        int removed = 0;
        int added = 0;
        for (; e < edits.size() && edits[e] != Kind::Same; ++e)
            (edits[e] == Kind::Removed ? removed : added) += 1;
        for (int i = 0; i < removed; ++i, ++oldIndex)
            result.append({Kind::Removed, oldIndex + 1, 0, oldLines.at(oldIndex)});
        for (int i = 0; i < added; ++i, ++newIndex)
            result.append({Kind::Added, 0, newIndex + 1, newLines.at(newIndex)});
    }
    return result;
}

QStringList TextDiff::splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    return text.split(QLatin1Char('\n'));
}

TextDiff::Counts TextDiff::counts(const QList<DiffLine> &diff)
{
    Counts counts;
    for (const DiffLine &line : diff) {
        if (line.kind == DiffLine::Kind::Added)
            ++counts.added;
        else if (line.kind == DiffLine::Kind::Removed)
            ++counts.removed;
    }
    return counts;
}
