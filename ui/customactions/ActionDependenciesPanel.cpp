#include "ActionDependenciesPanel.h"

#include "core/actions/DependencyInstaller.h"
#include "ui/common/Form.h"
#include "ui/shell/Theme.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

ActionDependenciesPanel::ActionDependenciesPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_empty(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_version(new QLineEdit(QStringLiteral("latest"), this))
    , m_error(Form::error(QStringLiteral("dependencyError"), this))
    , m_add(Form::button(
          tr("Add Module"), QStringLiteral("primary"), QStringLiteral("addDependencyButton"), this))
    , m_remove(Form::button(
          tr("Remove"), QStringLiteral("danger"), QStringLiteral("removeDependencyButton"), this))
{
    setObjectName(QStringLiteral("dependenciesPanel"));
    setAccessibleName(tr("Dependencies"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);
    layout->addWidget(Form::hint(tr("npm packages the action can require(). They are saved with the draft "
                                    "and installed when you deploy or run a test."),
                                 this));

    QFrame *addCard = Form::card(this);
    auto *addLayout = new QVBoxLayout(addCard);
    addLayout->setContentsMargins(14, 12, 14, 14);
    addLayout->setSpacing(6);
    m_name->setObjectName(QStringLiteral("dependencyName"));
    m_name->setPlaceholderText(QStringLiteral("axios"));
    m_version->setObjectName(QStringLiteral("dependencyVersion"));
    m_version->setPlaceholderText(QStringLiteral("latest"));
    auto *fields = new QHBoxLayout;
    fields->setSpacing(8);
    auto *nameColumn = new QVBoxLayout;
    nameColumn->setSpacing(4);
    nameColumn->addWidget(Form::label(tr("&Name"), m_name, addCard));
    nameColumn->addWidget(m_name);
    auto *versionColumn = new QVBoxLayout;
    versionColumn->setSpacing(4);
    versionColumn->addWidget(Form::label(tr("V&ersion"), m_version, addCard));
    versionColumn->addWidget(m_version);
    fields->addLayout(nameColumn, 3);
    fields->addLayout(versionColumn, 2);
    addLayout->addLayout(fields);
    addLayout->addWidget(m_error);
    m_add->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
    addLayout->addWidget(m_add, 0, Qt::AlignRight);
    layout->addWidget(addCard);
    m_list->setObjectName(QStringLiteral("dependenciesList"));
    m_list->setAccessibleName(tr("npm packages of the draft"));
    m_list->setHeaderHidden(true);
    Form::setUpList(m_list);
    layout->addWidget(m_list, 1);
    m_empty->setObjectName(QStringLiteral("dependenciesEmpty"));
    m_empty->setText(tr("No dependencies. The action can still use Node.js's own modules."));
    Form::setUpEmptyState(m_empty);
    m_empty->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_empty->setContentsMargins(0, 16, 0, 0);
    layout->addWidget(m_empty, 1);
    m_remove->setAccessibleName(tr("Remove the selected package"));
    layout->addWidget(m_remove, 0, Qt::AlignRight);

    connect(m_add, &QPushButton::clicked, this, &ActionDependenciesPanel::addTyped);
    connect(m_name, &QLineEdit::returnPressed, this, &ActionDependenciesPanel::addTyped);
    connect(m_version, &QLineEdit::returnPressed, this, &ActionDependenciesPanel::addTyped);
    connect(m_name, &QLineEdit::textChanged, this, [this] { Form::setError(m_error, m_name, {}); });
    connect(m_remove, &QPushButton::clicked, this, &ActionDependenciesPanel::removeSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &ActionDependenciesPanel::updateButtons);
    showList();
}

void ActionDependenciesPanel::setDependencies(const QList<ActionDependency> &dependencies)
{
    m_dependencies = dependencies;
    Form::setError(m_error, m_name, {});
    showList();
}

bool ActionDependenciesPanel::addTyped()
{
    const QString version = m_version->text().trimmed();
    const ActionDependency dependency {m_name->text().trimmed(),
                                       version.isEmpty() ? QStringLiteral("latest") : version};
    QString problem = dependency.name.isEmpty() ? tr("Type the name of an npm package.")
                                                : DependencyInstaller::problem(dependency);
    if (problem.isEmpty())
        problem = DependencyInstaller::problem(QList<ActionDependency>(m_dependencies) << dependency);
    Form::setError(m_error, m_name, problem);
    if (!problem.isEmpty())
        return false;
    m_dependencies.append(dependency);
    m_name->clear();
    m_version->setText(QStringLiteral("latest"));
    Form::setError(m_error, m_name, {});
    showList();
    m_list->setCurrentItem(m_list->topLevelItem(m_list->topLevelItemCount() - 1));
    Q_EMIT changed();
    return true;
}

void ActionDependenciesPanel::removeSelected()
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0 || !m_list->currentItem()->isSelected())
        return;
    m_dependencies.removeAt(row);
    showList();
    Q_EMIT changed();
}

void ActionDependenciesPanel::showList()
{
    m_list->clear();
    for (const ActionDependency &dependency : std::as_const(m_dependencies))
        new QTreeWidgetItem(m_list, {dependency.spec()});
    m_list->setVisible(!m_dependencies.isEmpty());
    m_remove->setVisible(!m_dependencies.isEmpty());
    m_empty->setVisible(m_dependencies.isEmpty());
    updateButtons();
}

void ActionDependenciesPanel::updateButtons()
{
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}
