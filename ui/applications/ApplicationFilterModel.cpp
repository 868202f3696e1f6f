#include "ApplicationFilterModel.h"

#include "ui/applications/ApplicationListModel.h"

void ApplicationFilterModel::setSourceModel(QAbstractItemModel *model)
{
    m_applications = qobject_cast<ApplicationListModel *>(model);
    Q_ASSERT_X(!model || m_applications, "ApplicationFilterModel", "filters an ApplicationListModel only");
    QSortFilterProxyModel::setSourceModel(model);
}

void ApplicationFilterModel::setSearchText(const QString &text)
{
    const QStringList words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    // One layout change instead of a signal per hidden range: far cheaper for the view at 10,000 rows.
    invalidate();
}

bool ApplicationFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    Q_UNUSED(sourceParent)
    const QString &haystack = m_applications->searchText(sourceRow);
    for (const QString &word : m_words) {
        if (!haystack.contains(word))
            return false;
    }
    return true;
}
