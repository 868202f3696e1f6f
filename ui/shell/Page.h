#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

/**
 * @brief A page of the main window. Pages ask to move elsewhere through navigate(); the window
 *        asks the current page confirmLeave() before it does.
 */
class Page : public QWidget
{
    Q_OBJECT

public:
    /// The pages that exist; the sidebar lists the top-level ones.
    enum class Id
    {
        GettingStarted,
        Applications,
        Application,
        ActionsLibrary,
        ActionsCatalog,
        Integration,
        CustomAction,
        Flows,
        FlowEditor,
        MultiFactor,
        PhoneMessage,
        Users,
        Logs,
        TenantSettings,
        // Last, so that the numbers a remembered last page was stored under keep their meaning.
        Apis,
        Api
    };
    Q_ENUM(Id)

    using QWidget::QWidget;

    /// Every page with its key (object names, screenshots, the remembered last page), in Id order.
    static QList<QPair<Id, QString>> names();
    /// The sidebar entry a page belongs under (an application under Applications, ...).
    static Id sidebarEntry(Id page);
    /// A page that shows one application, integration, action or flow, named by its argument.
    static bool isDetail(Id page);

    /// Called before the page is left; a page with unsaved changes asks and may refuse.
    virtual bool confirmLeave() { return true; }
    /// Called each time the page is shown, with the argument it was opened with (e.g. a client id).
    virtual void open(const QString &argument) { Q_UNUSED(argument) }

Q_SIGNALS:
    void navigate(Page::Id page, const QString &argument = {});
};
