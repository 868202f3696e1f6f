#pragma once

#include <QSortFilterProxyModel>

/**
 * @brief Filters the applications list by a search text: every word must occur in the name or
 *        client ID, case-insensitively.
 */
class ApplicationFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setSearchText(const QString &text);
    QString searchText() const { return m_words.join(QLatin1Char(' ')); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
};
