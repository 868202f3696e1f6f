#pragma once

#include "core/model/CustomAction.h"

#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

/**
 * @brief The Dependencies section of the action editor's sidebar: the npm packages of the draft
 *        (name@version), Add Module and Remove.
 *
 * The list is part of the draft: changes are kept here until the page saves the draft with them, and
 * npm only runs on deploy or on a test run. A package that DependencyInstaller::problem() refuses (a name
 * npm would not take, a URL, a package already listed) is refused under the fields.
 */
class ActionDependenciesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ActionDependenciesPanel(QWidget *parent = nullptr);

    /// Shows @p dependencies (the saved draft's), forgetting changes and errors.
    void setDependencies(const QList<ActionDependency> &dependencies);
    /// The list as edited.
    QList<ActionDependency> dependencies() const { return m_dependencies; }

    /// Adds the package typed in the fields (version "latest" when empty); false, with the error shown,
    /// when it is refused.
    bool addTyped();
    /// Removes the selected package.
    void removeSelected();

Q_SIGNALS:
    /// The list was edited.
    void changed();

private:
    void showList();
    void updateButtons();

    QList<ActionDependency> m_dependencies;
    QTreeWidget *m_list;
    QLabel *m_empty;
    QLineEdit *m_name;
    QLineEdit *m_version;
    QLabel *m_error;
    QPushButton *m_add;
    QPushButton *m_remove;
};
