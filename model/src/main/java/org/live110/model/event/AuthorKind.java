package org.live110.model.event;

/** Who authored a content item; only trainees' posts and reads count towards KPIs 7 and 8. */
public enum AuthorKind {
  TRAINEE("trainee"),
  BRAND("brand"),
  MEDIA("media");

  private final String wireName;

  AuthorKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
