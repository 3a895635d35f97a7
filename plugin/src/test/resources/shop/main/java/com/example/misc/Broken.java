package com.example.misc;

public class Broken {

    public void fine() {}

    public void broken( {
    }
}
