#include "SearchIndex.h"

#include <algorithm>
#include <numeric>

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), size_t(bytes.size())};
}

bool containsAll(std::string_view text, const QByteArrayList &words)
{
    return std::all_of(words.cbegin(), words.cend(), [text](const QByteArray &word) {
        return text.find(view(word)) != std::string_view::npos;
    });
}

} // namespace

QByteArray SearchIndex::fold(const QString &text)
{
    return text.toLower().toUtf8();
}

QByteArrayList SearchIndex::words(const QString &search)
{
    QByteArrayList words;
    for (const QString &word : search.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QByteArray folded = fold(word);
        if (!words.contains(folded))
            words.append(std::move(folded));
    }
    return words;
}

bool SearchIndex::narrows(const QByteArrayList &previous, const QByteArrayList &next)
{
    return std::all_of(previous.cbegin(), previous.cend(), [&next](const QByteArray &before) {
        return std::any_of(next.cbegin(), next.cend(), [&before](const QByteArray &word) {
            return view(word).find(view(before)) != std::string_view::npos;
        });
    });
}

std::string_view SearchIndex::text(int row) const
{
    const qsizetype start = m_starts.at(row);
    return {m_texts.constData() + start, size_t(m_starts.at(row + 1) - start)};
}

void SearchIndex::clear()
{
    m_texts.clear();
    m_starts = {0};
}

void SearchIndex::reserve(int rows, qsizetype bytes)
{
    m_starts.reserve(rows + 1);
    m_texts.reserve(bytes);
}

void SearchIndex::append(const QString &text)
{
    m_texts.append(fold(text));
    m_starts.append(m_texts.size());
}

void SearchIndex::insert(int row, const QString &text)
{
    const QByteArray folded = fold(text);
    m_texts.insert(m_starts.at(row), folded);
    m_starts.insert(row + 1, m_starts.at(row));
    for (auto start = m_starts.begin() + row + 1; start != m_starts.end(); ++start)
        *start += folded.size();
}

void SearchIndex::remove(int row)
{
    const qsizetype start = m_starts.at(row);
    const qsizetype length = m_starts.at(row + 1) - start;
    m_texts.remove(start, length);
    m_starts.removeAt(row + 1);
    for (auto next = m_starts.begin() + row + 1; next != m_starts.end(); ++next)
        *next -= length;
}

bool SearchIndex::matches(int row, const QByteArrayList &words) const
{
    return containsAll(text(row), words);
}

QList<int> SearchIndex::matching(const QList<int> &candidates, const QByteArrayList &words) const
{
    if (words.isEmpty())
        return candidates;
    QList<int> rows;
    rows.reserve(candidates.size());
    for (const int row : candidates) {
        if (containsAll(text(row), words))
            rows.append(row);
    }
    return rows;
}

QList<int> SearchIndex::matchingAll(const QByteArrayList &words) const
{
    QList<int> every(size());
    std::iota(every.begin(), every.end(), 0);
    return matching(every, words);
}
