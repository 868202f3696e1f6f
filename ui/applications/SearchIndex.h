#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QList>

#include <string_view>

/**
 * @brief The search texts of a list's rows, lower-cased, in UTF-8, one block for all of them.
 *
 * A filter that walks 100,000 rows per keystroke reads them in order from one allocation instead of
 * chasing a string per row. Matching is by substring: a search word is found where it occurs in the
 * row's text, so a word never matches across two rows.
 */
class SearchIndex
{
public:
    /// Lower-cases @p text the way the index stores it and a search's words are matched.
    static QByteArray fold(const QString &text);
    /// The words of @p search, folded, in the order given, duplicates and empty words left out.
    static QByteArrayList words(const QString &search);
    /// Whether every row matching @p next also matches @p previous: each earlier word is part of a new one.
    static bool narrows(const QByteArrayList &previous, const QByteArrayList &next);

    int size() const { return int(m_starts.size()) - 1; }
    /// The folded text of @p row.
    std::string_view text(int row) const;

    void clear();
    void reserve(int rows, qsizetype bytes);
    void append(const QString &text);
    void insert(int row, const QString &text);
    void remove(int row);

    /// Whether the text of @p row holds every word of @p words.
    bool matches(int row, const QByteArrayList &words) const;
    /// The rows of @p candidates (ascending) whose text holds every word of @p words.
    QList<int> matching(const QList<int> &candidates, const QByteArrayList &words) const;
    /// Every row whose text holds every word of @p words, ascending.
    QList<int> matchingAll(const QByteArrayList &words) const;

private:
    QByteArray m_texts;
    /// Where each row's text starts in m_texts, and one more: the end of the last row.
    QList<qsizetype> m_starts {0};
};
