#include "ApplicationFilterModel.h"

#include "ui/applications/ApplicationListModel.h"

#include <algorithm>

void ApplicationFilterModel::setSourceModel(QAbstractItemModel *model)
{
    auto *applications = qobject_cast<ApplicationListModel *>(model);
    Q_ASSERT_X(!model || applications, "ApplicationFilterModel", "filters an ApplicationListModel only");
    beginResetModel();
    if (m_applications)
        disconnect(m_applications, nullptr, this, nullptr);
    m_applications = applications;
    QAbstractProxyModel::setSourceModel(applications);
    if (applications) {
        using Self = ApplicationFilterModel;
        connect(applications, &QAbstractItemModel::rowsInserted, this, &Self::sourceRowsInserted);
        connect(
            applications, &QAbstractItemModel::rowsAboutToBeRemoved, this, &Self::sourceRowsAboutToBeRemoved);
        connect(applications, &QAbstractItemModel::rowsRemoved, this, &Self::sourceRowsRemoved);
        connect(applications, &QAbstractItemModel::dataChanged, this, &Self::sourceDataChanged);
        connect(applications, &QAbstractItemModel::modelAboutToBeReset, this, &Self::beginResetModel);
        connect(applications, &QAbstractItemModel::modelReset, this, &Self::sourceReset);
        // The list model sorts on insert and never moves rows; a layout change is taken as a reset.
        connect(applications, &QAbstractItemModel::layoutAboutToBeChanged, this, &Self::beginResetModel);
        connect(applications, &QAbstractItemModel::layoutChanged, this, &Self::sourceReset);
        // Gone first (a page destroys its children in the order it made them): nothing to show. Quietly,
        // as Qt's own proxies do: whoever would hear a reset may be going away with the source.
        connect(applications, &QObject::destroyed, this, &Self::sourceDestroyed);
    }
    m_rows = matchingAll();
    endResetModel();
}

void ApplicationFilterModel::setSearchText(const QString &text)
{
    QByteArrayList words = SearchIndex::words(text);
    if (words == m_words)
        return;
    const bool narrower = SearchIndex::narrows(m_words, words);
    QByteArrayList changed;
    for (const QByteArray &word : std::as_const(words)) {
        if (!m_words.contains(word))
            changed.append(word);
    }
    m_words = std::move(words);
    if (m_applications) {
        const SearchIndex &index = m_applications->searchIndex();
        showRows(narrower ? index.matching(m_rows, changed) : index.matchingAll(m_words));
    }
}

QString ApplicationFilterModel::searchText() const
{
    return QString::fromUtf8(m_words.join(' '));
}

QList<int> ApplicationFilterModel::matchingAll() const
{
    return m_applications ? m_applications->searchIndex().matchingAll(m_words) : QList<int>();
}

void ApplicationFilterModel::showRows(QList<int> rows)
{
    if (rows == m_rows)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> sourceRows;
    sourceRows.reserve(before.size());
    for (const QModelIndex &index : before)
        sourceRows.append(m_rows.at(index.row()));
    m_rows = std::move(rows);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int at = lowerBound(sourceRows.at(i));
        const bool shown = at < m_rows.size() && m_rows.at(at) == sourceRows.at(i);
        after.append(shown ? createIndex(at, before.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int ApplicationFilterModel::lowerBound(int sourceRow) const
{
    return int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), sourceRow) - m_rows.cbegin());
}

void ApplicationFilterModel::sourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    const int at = lowerBound(first);
    for (auto row = m_rows.begin() + at; row != m_rows.end(); ++row)
        *row += count;
    QList<int> inserted;
    for (int row = first; row <= last; ++row) {
        if (m_applications->searchIndex().matches(row, m_words))
            inserted.append(row);
    }
    if (inserted.isEmpty())
        return;
    beginInsertRows({}, at, at + int(inserted.size()) - 1);
    m_rows.insert(at, inserted.size(), 0);
    std::copy(inserted.cbegin(), inserted.cend(), m_rows.begin() + at);
    endInsertRows();
}

void ApplicationFilterModel::sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int from = lowerBound(first);
    const int to = lowerBound(last + 1);
    if (from == to)
        return;
    beginRemoveRows({}, from, to - 1);
    m_rows.remove(from, to - from);
    endRemoveRows();
}

void ApplicationFilterModel::sourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    for (auto row = m_rows.begin() + lowerBound(last + 1); row != m_rows.end(); ++row)
        *row -= count;
}

void ApplicationFilterModel::sourceDataChanged(const QModelIndex &topLeft,
                                               const QModelIndex &bottomRight,
                                               const QList<int> &roles)
{
    // ApplicationListModel changes a row's text by removing and inserting it, but a change in place that
    // may touch the text is filtered again all the same.
    if (roles.isEmpty() || roles.contains(Qt::DisplayRole)
        || roles.contains(int(ApplicationListModel::Role::SearchText)))
        showRows(matchingAll());
    const int from = lowerBound(topLeft.row());
    const int to = lowerBound(bottomRight.row() + 1);
    if (from < to)
        Q_EMIT dataChanged(index(from, topLeft.column()), index(to - 1, bottomRight.column()), roles);
}

void ApplicationFilterModel::sourceDestroyed()
{
    m_applications = nullptr;
    m_rows.clear();
}

void ApplicationFilterModel::sourceReset()
{
    m_rows = matchingAll();
    endResetModel();
}

QModelIndex ApplicationFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex ApplicationFilterModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex ApplicationFilterModel::sibling(int row, int column, const QModelIndex &index) const
{
    return index.isValid() ? this->index(row, column) : QModelIndex();
}

int ApplicationFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApplicationFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_applications ? 0 : m_applications->columnCount();
}

bool ApplicationFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.isEmpty();
}

Qt::ItemFlags ApplicationFilterModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

QModelIndex ApplicationFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !m_applications)
        return {};
    Q_ASSERT(proxyIndex.model() == this);
    return m_applications->index(m_rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex ApplicationFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid())
        return {};
    const int at = lowerBound(sourceIndex.row());
    if (at == m_rows.size() || m_rows.at(at) != sourceIndex.row())
        return {};
    return createIndex(at, sourceIndex.column());
}
