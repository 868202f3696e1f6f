#pragma once

// What the flow editor suites share: a tenant with Plivo installed, the real main window on it, a test
// catalog of more Send Phone Message actions, and the helpers that read and drive the editor.

#include "core/actions/IntegrationService.h"
#include "core/model/Binding.h"
#include "tests/support/TempTenant.h"
#include "ui/flows/ActionCardItem.h"
#include "ui/flows/FlowEditorPage.h"
#include "ui/shell/MainWindow.h"

#include <QHash>
#include <QLabel>
#include <QPushButton>
#include <QStringList>

#include <memory>

class FlowScene;
class MessageBar;

inline const QString kPhone = QStringLiteral("send-phone-message");
inline const QString kPlivo = QStringLiteral("Plivo");
inline const QString kAlpha = QStringLiteral("Alpha SMS");
inline const QString kBravo = QStringLiteral("Bravo SMS");
/// How far right of the pipeline's axis a drop is beside the flow (cards are 300 wide, 80 of slack).
constexpr qreal kBeside = ActionCardItem::Width / 2 + 110;

/// The id testCatalog() gives the integration called @p name ("Alpha SMS" gives "alpha-sms").
QString testActionId(const QString &name);
/// A catalog of input-free Send Phone Message integrations called @p names.
QByteArray testCatalog(const QStringList &names);
/**
 * Waits for @p job to finish: false when it does not within 5 s. @p installed is then the integration it
 * installed, or an empty one when the install failed.
 */
[[nodiscard]] bool waitForInstall(IntegrationJob *job, Integration &installed);
QStringList names(const QList<Binding> &bindings);
QStringList cardNames(const FlowScene *scene);
/// The middle of gap @p gap, in scene coordinates: between the node above (Start for gap 0) and the node
/// below (Complete for the last gap). cardPosition() continues the column past both ends.
qreal gapMiddle(const FlowScene *scene, int gap);

struct DragOutcome
{
    bool accepted = false;
    Qt::DropAction action = Qt::IgnoreAction;
};

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class FlowEditorFixture
{
protected:
    /// Settings of the suite named @p name stay in test mode, apart from other suites.
    static void initApplication(const QString &name);
    void setUp();
    void tearDown();

    FlowEditorPage *editor() const
    {
        return qobject_cast<FlowEditorPage *>(m_window->page(Page::Id::FlowEditor));
    }
    MessageBar *message() const;
    QString state() const { return editor()->findChild<QLabel *>(QStringLiteral("flowState"))->text(); }
    QPushButton *button(const char *name) const
    {
        return editor()->findChild<QPushButton *>(QLatin1String(name));
    }
    Binding binding(const QString &name) const;
    QList<Binding> bindings(const QStringList &names) const;
    QStringList applied(const QString &trigger) const;
    /// Installs Alpha SMS and Bravo SMS from a test catalog, over the tenant's database.
    void installTestActions();
    /// Applies @p names to the flow of @p trigger through the tenant's FlowService.
    void applyFlow(const QString &trigger, const QStringList &names);
    void openEditor(const QString &trigger);
    /// The viewport point in the middle of gap @p gap, @p dx right of the pipeline's axis.
    QPoint gapPoint(int gap, qreal dx = 0) const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<IntegrationService> m_testIntegrations;
    std::unique_ptr<MainWindow> m_window;
    QHash<QString, Integration> m_installed; ///< by name
};
