#pragma once

#include <QAbstractProxyModel>
#include <QByteArrayList>

class ApplicationListModel;

/**
 * @brief Filters an ApplicationListModel by a search text: every word must occur in the name or
 *        client ID, case-insensitively.
 *
 * Built for search as you type over 100,000 applications: the accepted source rows are one sorted list,
 * a keystroke that narrows the search (every earlier word is part of a new one) tests only the rows
 * shown and only the words that changed, and a keystroke that leaves the same rows emits nothing. A new
 * set of rows is one layout change, which keeps the view's selection and current row where they are still
 * shown. Rows follow the source's inserts, removals and resets as they happen.
 */
class ApplicationFilterModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    using QAbstractProxyModel::QAbstractProxyModel;

    void setSourceModel(QAbstractItemModel *model) override;
    void setSearchText(const QString &text);
    QString searchText() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    /// Every source row that the current words accept.
    QList<int> matchingAll() const;
    /// Makes @p rows the shown rows in one layout change, moving the persistent indexes with them.
    void showRows(QList<int> rows);
    /// The position in m_rows of the first accepted source row at or after @p sourceRow.
    int lowerBound(int sourceRow) const;

    void sourceRowsInserted(const QModelIndex &parent, int first, int last);
    void sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void sourceRowsRemoved(const QModelIndex &parent, int first, int last);
    void
    sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void sourceReset();
    void sourceDestroyed();

    ApplicationListModel *m_applications = nullptr;
    /// The search's words, folded like the source's SearchIndex.
    QByteArrayList m_words;
    /// The accepted source rows, ascending.
    QList<int> m_rows;
};
